import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A self-signed certificate for `name` (and `altNames`), valid `days` days (90, as Let's Encrypt's), made
 * with Debian's openssl into `dir`; PEM texts and paths.
 */
export function makeCertificate(dir: string, name: string, options: { altNames?: readonly string[]; days?: number } = {}): { key: string; cert: string; certPath: string } {
  const names = [name, ...(options.altNames ?? [])].map((n) => `DNS:${n}`).join(',');
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', String(options.days ?? 90), '-keyout', key, '-out', cert, '-subj', `/CN=${name}`, '-addext', `subjectAltName=${names}`], { encoding: 'utf8' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('openssl is not installed; these tests make their certificates with it: apt-get install -y openssl');
  }
  if (r.status !== 0) throw new Error(`openssl req failed (status ${r.status}): ${r.stderr}`);
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8'), certPath: cert };
}
