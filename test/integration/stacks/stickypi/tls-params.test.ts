import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../../src/core/secrets/secret.js';
import { execKind, type ExecRun } from '../../../../src/kit/steps/index.js';
import { stickypi } from '../../../../src/stacks/stickypi/index.js';
import { tempDir } from '../../../helpers/cli.js';

/** RFC 7919's ffdhe2048 prime, from its defining formula: 2^2048 - 2^1984 + (floor(2^1918 * e) + 560316) * 2^64 - 1. */
function ffdhe2048Prime(): bigint {
  // e = sum of 1/k!, in fixed point with 64 guard bits, so the floor is exact.
  const guard = 64n;
  let term = 1n << (1918n + guard);
  let e = 0n;
  for (let k = 1n; term > 0n; k++) {
    e += term;
    term /= k;
  }
  return 2n ** 2048n - 2n ** 1984n + ((e >> guard) + 560316n) * 2n ** 64n - 1n;
}

const openssl = (args: readonly string[]) => {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.error) throw new Error(`openssl is not installed; this test runs the real one: apt-get install -y openssl (${r.error.message})`);
  return r;
};

/** The INTEGERs of a PEM file's DER (for DH parameters: the prime p, then the generator g). */
const integers = (pem: string): bigint[] =>
  openssl(['asn1parse', '-in', pem]).stdout.split('\n').flatMap((l) => {
    const m = /prim: INTEGER\s+:([0-9A-F]+)$/.exec(l.trim());
    return m ? [BigInt(`0x${m[1]}`)] : [];
  });

describe('Sticky Pi\'s Diffie-Hellman step', () => {
  it('writes, with the real openssl, the RFC 7919 ffdhe2048 group', async () => {
    const work = tempDir();
    const answers = { domain: 'sticky.example.org', admin_email: 'admin@example.org', volume_root: work, 'first_user.create': false };
    const step = stickypi.steps({ answers, secrets: { 'secrets.admin_password': new Secret('secrets.admin_password', 'x'.repeat(32)) }, previous: {}, dir: work })
      .find((s) => s.id === 'tls-params')!;
    const run = step.run as ExecRun;
    // The option OpenSSL 1.1.1 knows too: group: is OpenSSL 3 only.
    expect(run.argv).toContain('dh_param:ffdhe2048');
    // Its folder is made by the volumes step first.
    mkdirSync(join(work, 'data/certbot/conf'), { recursive: true });
    const lines: string[] = [];
    const outcome = await execKind.execute!(run, { signal: new AbortController().signal, onLine: (l) => lines.push(l), settings: { env: { PATH: process.env['PATH'] }, graceMs: 1000 } });
    expect(outcome, lines.join('\n')).toMatchObject({ ok: true });
    const written = join(work, 'data/certbot/conf/ssl-dhparams.pem');

    expect(readFileSync(written, 'utf8')).toMatch(/^-----BEGIN DH PARAMETERS-----\n/);
    expect(integers(written)).toEqual([ffdhe2048Prime(), 2n]);
    const check = openssl(['dhparam', '-in', written, '-check', '-noout']);
    expect([check.status, check.stdout + check.stderr]).toEqual([0, expect.stringContaining('DH parameters appear to be ok')]);

    // On OpenSSL 3 (which alone knows group:), byte for byte what it writes for the group by its name.
    if (!/^OpenSSL 3\./.test(openssl(['version']).stdout)) return;
    const byName = join(work, 'by-name.pem');
    expect(openssl(['genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'group:ffdhe2048', '-out', byName]).status).toBe(0);
    expect(readFileSync(written, 'utf8')).toBe(readFileSync(byName, 'utf8'));
    expect(openssl(['pkeyparam', '-in', written, '-text', '-noout']).stdout).toMatch(/GROUP: ffdhe2048/);
  });
});
