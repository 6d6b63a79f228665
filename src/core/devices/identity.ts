/**
 * What is on a block device, read just before something destroys it: people recognise a disk by its
 * size, model and serial, and lose data when a device they did not mean is formatted. Pure: the io
 * adapter (src/io/devices.ts) runs lsblk and wipefs and hands their JSON to `identityFrom`.
 */

/** A signature wipefs found: a filesystem, a LUKS header, a partition table, RAID or LVM metadata. */
export interface DeviceSignature {
  /** As blkid names it: ext4, crypto_LUKS, dos, gpt, LVM2_member, linux_raid_member... */
  readonly type: string;
  /** Where on the device, as wipefs prints it ("0x438"); absent when only lsblk reported it. */
  readonly offset?: string;
}

export interface DeviceIdentity {
  /** The device as the kernel names it (lsblk follows a /dev/disk/by-id link to it), or the image file. */
  readonly path: string;
  readonly sizeBytes: number;
  readonly model: string | undefined;
  readonly serial: string | undefined;
  /** lsblk's TYPE (disk, part, loop, ...), or "file" for an image file. */
  readonly type: string;
  /** Its partitions, by path. */
  readonly partitions: readonly string[];
  readonly signatures: readonly DeviceSignature[];
  /** Where it, or anything on it (a partition, an open LUKS mapping), is mounted; [SWAP] for swap. */
  readonly mounts: readonly string[];
  /** What holds it open: a device-mapper mapping (LUKS, LVM), a RAID array, a loop device on an image file. */
  readonly holders: readonly string[];
}

/** One row of `lsblk --json --bytes --paths`, as far as we read it; older lsblk has MOUNTPOINT, not MOUNTPOINTS. */
interface LsblkRow {
  readonly path?: string;
  readonly size?: number | string | null;
  readonly model?: string | null;
  readonly serial?: string | null;
  readonly type?: string;
  readonly fstype?: string | null;
  readonly pttype?: string | null;
  readonly mountpoints?: readonly (string | null)[];
  readonly mountpoint?: string | null;
  readonly children?: readonly LsblkRow[];
}

const text = (v: string | null | undefined): string | undefined => (v === null || v === undefined || v.trim() === '' ? undefined : v.trim());
const mountsOf = (row: LsblkRow): string[] => [...(row.mountpoints ?? []), row.mountpoint].flatMap((m) => (m ? [m] : []));

/** The signatures of `wipefs --no-act --json`, in its order (a LUKS2 header is listed twice: it has a backup copy). */
export function wipefsSignatures(wipefsJson: unknown): DeviceSignature[] {
  const list = (wipefsJson as { signatures?: readonly { type?: string; offset?: string }[] } | null)?.signatures ?? [];
  return list.flatMap((s) => (s.type ? [{ type: s.type, ...(s.offset ? { offset: s.offset } : {}) }] : []));
}

/**
 * An identity from lsblk's JSON for one device (its first row, with children) and wipefs's JSON for it.
 * lsblk's FSTYPE and PTTYPE come from udev, which may be absent (a container) or stale; wipefs reads the
 * device itself, so its signatures come first and lsblk only adds what wipefs did not name.
 */
export function identityFrom(lsblkJson: unknown, wipefsJson: unknown): DeviceIdentity {
  const row = (lsblkJson as { blockdevices?: readonly LsblkRow[] } | null)?.blockdevices?.[0];
  if (!row?.path) throw new Error('lsblk reported no device');
  const signatures = wipefsSignatures(wipefsJson);
  for (const type of [text(row.fstype), text(row.pttype)]) if (type && !signatures.some((s) => s.type === type)) signatures.push({ type });
  const partitions: string[] = [];
  const holders: string[] = [];
  const mounts: string[] = mountsOf(row);
  const walk = (children: readonly LsblkRow[] | undefined) => {
    for (const c of children ?? []) {
      if (c.type === 'part') partitions.push(c.path ?? '?');
      else holders.push(`${c.path ?? '?'} (${c.type ?? 'holder'})`);
      mounts.push(...mountsOf(c));
      walk(c.children);
    }
  };
  walk(row.children);
  return {
    path: row.path,
    sizeBytes: Number(row.size ?? 0),
    model: text(row.model),
    serial: text(row.serial),
    type: row.type ?? 'unknown',
    partitions,
    signatures,
    mounts: [...new Set(mounts)],
    holders: [...new Set(holders)],
  };
}

/** Bytes as people compare disks: binary units, one decimal ("100.0 GiB"). */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

const signatureWords = (s: DeviceSignature): string => (s.offset ? `${s.type} at ${s.offset}` : s.type);

/** The identity on one line: "/dev/sdb: 100.0 GiB disk, model X, serial Y; no partitions; no filesystem signature; not mounted". */
export function describeIdentity(id: DeviceIdentity): string {
  const what = id.type === 'file' ? 'image file' : `${id.type}, model ${id.model ?? '(none reported)'}, serial ${id.serial ?? '(none reported)'}`;
  const parts = [
    `${id.path}: ${formatBytes(id.sizeBytes)} ${what}`,
    id.partitions.length ? `partitions ${id.partitions.join(', ')}` : 'no partitions',
    id.signatures.length ? `signatures: ${id.signatures.map(signatureWords).join(', ')}` : 'no filesystem signature',
    id.mounts.length ? `mounted at ${id.mounts.join(', ')}` : 'not mounted',
    ...(id.holders.length ? [`held by ${id.holders.join(', ')}`] : []),
  ];
  return parts.join('; ');
}

/** Signatures by type, with their offsets: one reason for LUKS2's two headers. */
function signatureTypes(signatures: readonly DeviceSignature[]): [string, string[]][] {
  const byType = new Map<string, string[]>();
  for (const s of signatures) byType.set(s.type, [...(byType.get(s.type) ?? []), ...(s.offset ? [s.offset] : [])]);
  return [...byType];
}

export interface DeviceUse {
  readonly inUse: boolean;
  /** Each reason on its own, in words: "mounted at /data". */
  readonly reasons: readonly string[];
}

/**
 * Whether a device is in use, and why: anything on it may be someone's data. Mounted (itself or anything
 * on it), partitioned, holding any signature (a filesystem, an old LUKS header, a partition table), or
 * held open by a mapping, an array or a loop device.
 */
export function deviceUse(id: DeviceIdentity): DeviceUse {
  const reasons = [
    ...(id.mounts.length ? [`mounted at ${id.mounts.join(', ')}`] : []),
    ...(id.partitions.length ? [`has partitions: ${id.partitions.join(', ')}`] : []),
    ...signatureTypes(id.signatures).map(([type, offsets]) => `has a signature: ${type}${offsets.length ? ` (at ${offsets.join(', ')})` : ''}`),
    ...(id.holders.length ? [`is held open by ${id.holders.join(', ')}`] : []),
  ];
  return { inUse: reasons.length > 0, reasons };
}

/**
 * The identity as labelled rows, for a screen that shows it before the device is erased: what people
 * recognise a disk by (size, model, serial) and what may be someone's data on it (partitions, signatures,
 * mounts, holders). The one-line form is describeIdentity.
 */
export function identityRows(id: DeviceIdentity): (readonly [label: string, value: string])[] {
  const listed = (items: readonly string[], none: string) => (items.length ? items.join(', ') : none);
  return [
    ['Device', `${id.path} (${id.type === 'file' ? 'an image file' : id.type})`],
    ['Size', `${formatBytes(id.sizeBytes)} (${id.sizeBytes} bytes)`],
    // An image file has neither.
    ...(id.type === 'file' ? [] : ([['Model', id.model ?? '(none reported)'], ['Serial', id.serial ?? '(none reported)']] as const)),
    ['Partitions', listed(id.partitions, 'none')],
    ['Signatures', listed(id.signatures.map(signatureWords), 'none found')],
    ['Mounted', listed(id.mounts, 'not mounted')],
    ...(id.holders.length ? [['Held by', id.holders.join(', ')] as const] : []),
  ];
}
