import { execa } from 'execa';

export interface BlockDevice {
  readonly path: string;
  readonly size: string;
  readonly model: string;
  readonly mounted: string | undefined;
  readonly filesystem: string | undefined;
}

/** Block devices from lsblk: the device question shows what each one is before anything is formatted. */
export async function listDevices(): Promise<readonly BlockDevice[]> {
  const r = await execa('lsblk', ['--json', '--paths', '--output', 'PATH,SIZE,MODEL,MOUNTPOINT,FSTYPE,TYPE'], { reject: false, timeout: 5000 });
  if (r.failed) return [];
  type Row = { path: string; size: string | null; model: string | null; mountpoint: string | null; fstype: string | null; type: string; children?: Row[] };
  const rows: Row[] = [];
  const walk = (list: Row[] | undefined) => list?.forEach((d) => (rows.push(d), walk(d.children)));
  walk((JSON.parse(String(r.stdout)) as { blockdevices?: Row[] }).blockdevices);
  return rows.filter((d) => d.type === 'disk' || d.type === 'part').map((d) => ({ path: d.path, size: d.size ?? '?', model: d.model?.trim() ?? '', mounted: d.mountpoint ?? undefined, filesystem: d.fstype ?? undefined }));
}
