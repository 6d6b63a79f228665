/**
 * One line in /etc/crypttab or /etc/fstab, added once and never rewritten: these are the admin's files,
 * and a wrong line there can keep a machine from booting. An entry is known by its key (crypttab: the
 * mapping's name; fstab: the mount point); one with the same key and the same content is left as it is,
 * one with different content stops the step, showing both lines, for the admin to decide. Pure: the io
 * executor (src/io/executors/system-tables.ts) reads and writes the file.
 */

export type SystemTable = 'crypttab' | 'fstab';

/** crypttab(5): name, device, key file, options. */
export interface CrypttabFields {
  readonly name: string;
  /** "UUID=..." of the LUKS header: a device's name (/dev/sdb) can change between boots, its header's UUID cannot. */
  readonly device: string;
  /** "none": the passphrase is asked at boot (or given by systemd-cryptenroll, a TPM...). */
  readonly keyFile: string;
  readonly options: string;
}

/** fstab(5): source, mount point, type, options, dump, pass. */
export interface FstabFields {
  readonly source: string;
  readonly mountPoint: string;
  readonly fsType: string;
  readonly options: string;
  /** fsck order: 0 never, 1 the root filesystem, 2 the others. */
  readonly pass: 0 | 1 | 2;
}

// fstab(5): a space or a backslash in a field is written as an octal escape (a mount point may have spaces).
const FSTAB_ESCAPES: Readonly<Record<string, string>> = { ' ': '\\040', '\\': '\\134' };
const escapeFstab = (field: string): string => field.replace(/[ \\]/g, (c) => FSTAB_ESCAPES[c]!);
const unescapeFstab = (field: string): string => field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));

/** Why these fields cannot make a line that reads back as they are: empty, or with characters the format cannot carry. */
export function tableFieldProblems(table: SystemTable, fields: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === '' && key !== 'options') problems.push(`${key} is empty`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(value)) problems.push(`${key} holds a control character (a tab, a line break...)`);
    else if (table === 'crypttab' && /\s/.test(value)) problems.push(`${key} holds a space, which crypttab cannot carry`);
  }
  const first = table === 'crypttab' ? fields['name'] : fields['source'];
  if (first?.startsWith('#')) problems.push(`${table === 'crypttab' ? 'name' : 'source'} starts with #, which makes the line a comment`);
  return problems;
}

export const crypttabLine = (f: CrypttabFields): string => [f.name, f.device, f.keyFile, ...(f.options ? [f.options] : [])].join(' ');

export const fstabLine = (f: FstabFields): string => [f.source, f.mountPoint, f.fsType, f.options || 'defaults', '0', String(f.pass)].map(escapeFstab).join(' ');

/** A line's fields as the format means them: defaults filled in, so "a b c" and "a b c defaults 0 0" compare equal. */
function meaning(table: SystemTable, line: string): string[] | undefined {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const f = trimmed.split(/\s+/);
  if (table === 'crypttab') {
    const key = f[2] === undefined || f[2] === '-' ? 'none' : f[2];
    return [f[0]!, f[1] ?? '', key, f[3] ?? ''];
  }
  const d = f.map(unescapeFstab);
  // "/srv/x/" is the mount point "/srv/x".
  return [d[0]!, (d[1] ?? '').replace(/(.)\/+$/, '$1'), d[2] ?? '', d[3] ?? 'defaults', d[4] ?? '0', d[5] ?? '0'];
}

/** The field an entry is known by: crypttab's name, fstab's mount point. */
const keyOf = (table: SystemTable, fields: readonly string[]): string => (table === 'crypttab' ? fields[0]! : fields[1]!);

export type TableChange =
  /** Not there: the file's new content, with the line added at the end. */
  | { readonly action: 'add'; readonly content: string }
  | { readonly action: 'present' }
  /** Another line holds the key: nothing is written; both are shown. */
  | { readonly action: 'conflict'; readonly existing: string; readonly wanted: string };

/** What adding `line` to a table whose content is `current` (undefined: no file yet) means. */
export function tableChange(table: SystemTable, current: string | undefined, line: string): TableChange {
  const wanted = meaning(table, line)!;
  const key = keyOf(table, wanted);
  const same = (current ?? '').split('\n').filter((l) => {
    const m = meaning(table, l);
    return m !== undefined && keyOf(table, m) === key;
  });
  if (same.some((l) => meaning(table, l)!.join('\u0000') === wanted.join('\u0000'))) return { action: 'present' };
  if (same.length) return { action: 'conflict', existing: same[0]!.trim(), wanted: line };
  const text = current ?? '';
  return { action: 'add', content: `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n` };
}

/** A conflict in words, both lines shown: the admin decides which one is right, fieldstation does not. */
export const conflictMessage = (table: SystemTable, file: string, c: { existing: string; wanted: string }): string =>
  `${file} already has a different ${table === 'crypttab' ? 'entry for this name' : 'entry for this mount point'}, and fieldstation never rewrites it:\n  there:  ${c.existing}\n  wanted: ${c.wanted}\nEdit ${file} yourself (remove or correct the line), then resume.`;
