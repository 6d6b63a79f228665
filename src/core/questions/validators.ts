/**
 * The checks each kind of answer gets, whatever the stack. Each returns the problem in words, or undefined.
 * They are strict on purpose: a value that reaches a config file must mean exactly one thing.
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function checkDomain(value: string): string | undefined {
  // Each problem says what to type instead.
  if (value !== value.trim()) return 'has spaces around it; type the name without them';
  if (/\s/.test(value)) return 'contains white space or a line break; a host name has none';
  if (/[A-Z]/.test(value)) return 'has capital letters; type it in lower case, as DNS names are written here';
  if (value.endsWith('.')) return 'ends with a dot; leave the last dot out';
  if (/^[a-z]+:\/\//.test(value)) return 'is a URL; type only the host name, without "https://"';
  if (value.includes('/') || value.includes(':')) return 'contains "/" or ":"; type only the host name, e.g. example.org';
  if (value.length > 253) return `is ${value.length} characters long; a host name has at most 253`;
  const labels = value.split('.');
  if (labels.length < 2) return 'is not a fully qualified name (it needs at least one dot, e.g. example.org)';
  if (/^\d+$/.test(labels[labels.length - 1]!)) return 'is an IP address; type a domain name (TLS certificates need one), e.g. example.org';
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined) return `has an invalid label "${bad}" (letters, digits and inner hyphens only, 1-63 characters)`;
  return undefined;
}

export function checkEmail(value: string): string | undefined {
  if (/\s/.test(value)) return 'contains white space or a line break; an e-mail address has none';
  const at = value.lastIndexOf('@');
  if (at < 1) return 'is not an e-mail address (no "name@" part); type one such as admin@example.org';
  const local = value.slice(0, at);
  // The first character refused is named: "characters not allowed" leaves the person to guess which.
  const bad = [...local].find((ch) => !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]$/.test(ch));
  if (bad !== undefined) return `has ${JSON.stringify(bad)} before the "@", where only letters, digits and . _ + - (or !#$%&'*/=?^\`{|}~) are allowed`;
  const domainProblem = checkDomain(value.slice(at + 1).toLowerCase());
  if (domainProblem) return `has a domain part that ${domainProblem}`;
  if (value.length > 254) return `is ${value.length} characters long; an e-mail address has at most 254`;
  return undefined;
}

/**
 * Linux's limits on a path, in bytes of its UTF-8 form (not characters): NAME_MAX for each file or folder
 * name, PATH_MAX (4096, with the closing NUL) for the whole. Past them every system call fails with
 * ENAMETOOLONG, so apply would stop halfway; they are checked with the answers instead.
 */
export const NAME_MAX = 255;
export const PATH_MAX = 4095;

export const utf8Length = (value: string): number => new TextEncoder().encode(value).length;

export function checkAbsolutePath(value: string): string | undefined {
  if (!value.startsWith('/')) return 'is not an absolute path (it must start with "/", e.g. /opt/data)';
  if (/[\0\r\n]/.test(value)) return 'contains a line break or NUL; type the path on one line';
  if (value.split('/').some((part) => part === '..')) return 'contains ".."; give the path without it';
  const long = value.split('/').find((part) => utf8Length(part) > NAME_MAX);
  if (long !== undefined) return `has a name of ${utf8Length(long)} bytes (${JSON.stringify(`${[...long].slice(0, 24).join('')}…`)}); Linux allows at most ${NAME_MAX} bytes for each file or folder name`;
  const bytes = utf8Length(value);
  if (bytes > PATH_MAX) return `is ${bytes} bytes long; Linux allows at most ${PATH_MAX} bytes in a path`;
  return undefined;
}

export function checkDevice(value: string): string | undefined {
  const p = checkAbsolutePath(value);
  if (p) return p;
  if (!value.startsWith('/dev/')) return 'is not a device path (it must start with /dev/, e.g. /dev/sdb)';
  return undefined;
}

/** Suggests the closest known key for a typo, within a small edit distance. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
