import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Runs Debian's openssl; a missing one fails the test with the package to install. */
function openssl(args: readonly string[], what: string): void {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('openssl is not installed; these tests make their certificates with it: apt-get install -y openssl');
  }
  if (r.status !== 0) throw new Error(`openssl ${what} failed (status ${r.status}): ${r.stderr}`);
}

/**
 * A self-signed certificate for `name` (and `altNames`), valid `days` days (90, as Let's Encrypt's), made
 * with Debian's openssl into `dir`; PEM texts and paths.
 */
export function makeCertificate(dir: string, name: string, options: { altNames?: readonly string[]; days?: number } = {}): { key: string; cert: string; certPath: string } {
  const names = [name, ...(options.altNames ?? [])].map((n) => `DNS:${n}`).join(',');
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', String(options.days ?? 90), '-keyout', key, '-out', cert, '-subj', `/CN=${name}`, '-addext', `subjectAltName=${names}`], 'req');
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8'), certPath: cert };
}

export interface IssuedCertificate {
  readonly key: string;
  readonly cert: string;
  readonly keyPath: string;
  readonly certPath: string;
}

/** openssl ca's form of a time: YYYYMMDDHHMMSSZ. */
const caTime = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/**
 * A certificate for `name` valid over any window of time (one that ended before now, or starts after it),
 * self-signed or issued by `issuer`, a certificate authority itself with `ca`; made with `openssl ca`,
 * which, unlike `openssl req -x509`, sets both ends of the window. Files `<file>.key` and `<file>.crt` in `dir`.
 */
export function issueCertificate(
  dir: string,
  name: string,
  options: { file?: string; altNames?: readonly string[]; notBefore?: Date; notAfter?: Date; issuer?: IssuedCertificate; ca?: boolean } = {},
): IssuedCertificate {
  const file = options.file ?? name;
  const work = join(dir, `.openssl-${file}`);
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'index.txt'), '');
  writeFileSync(join(work, 'serial'), `${randomBytes(8).toString('hex')}\n`);
  // copy_extensions: the names (and a CA's constraints) come from the request.
  writeFileSync(join(work, 'ca.cnf'), [
    '[ca]', 'default_ca = test', '[test]', `new_certs_dir = ${work}`, `database = ${join(work, 'index.txt')}`, `serial = ${join(work, 'serial')}`,
    'default_md = sha256', 'policy = any', 'copy_extensions = copy', 'unique_subject = no', '[any]', 'commonName = supplied', '',
  ].join('\n'));
  const keyPath = join(dir, `${file}.key`);
  const certPath = join(dir, `${file}.crt`);
  const csr = join(work, 'request.csr');
  const names = [name, ...(options.altNames ?? [])].map((n) => `DNS:${n}`).join(',');
  const extensions = options.ca ? ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'] : ['-addext', `subjectAltName=${names}`];
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', csr, '-subj', `/CN=${name}`, ...extensions], 'req');
  const notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = options.notAfter ?? new Date(Date.now() + 90 * 24 * 3600_000);
  const signer = options.issuer ? ['-cert', options.issuer.certPath, '-keyfile', options.issuer.keyPath] : ['-selfsign', '-keyfile', keyPath];
  openssl(['ca', '-batch', '-config', join(work, 'ca.cnf'), '-notext', '-in', csr, '-out', certPath, '-startdate', caTime(notBefore), '-enddate', caTime(notAfter), ...signer], 'ca');
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), keyPath, certPath };
}

/** The key of `pair` behind a passphrase (PKCS#8, AES-256), as `<file>.enc.key`: its path. */
export function encryptedKey(pair: IssuedCertificate, passphrase: string): string {
  const path = pair.keyPath.replace(/\.key$/, '.enc.key');
  openssl(['pkey', '-in', pair.keyPath, '-aes256', '-passout', `pass:${passphrase}`, '-out', path], 'pkey');
  return path;
}
