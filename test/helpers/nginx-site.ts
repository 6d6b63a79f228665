import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { findBinary, SERVICE_PATH } from './services.js';

/**
 * A minimal nginx.conf of the test's own around one rendered site, as Debian's and the official image's
 * nginx.conf include conf.d/*.conf inside http {}: pid, logs and temp files in `prefix`.
 */
export function wrapSite(prefix: string, site: string): string {
  mkdirSync(join(prefix, 'tmp'), { recursive: true });
  writeFileSync(join(prefix, 'site.conf'), site);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${prefix}/tmp;`).join(' ');
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, [
    'worker_processes 1;',
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log;`,
    'events { worker_connections 64; }',
    `http { access_log off; ${temp}`,
    `  include ${prefix}/site.conf; }`,
    '',
  ].join('\n'));
  return conf;
}

/** `nginx -t` on that configuration: the real parser, which also loads every certificate and key. */
export function nginxTest(prefix: string): SpawnSyncReturns<string> {
  return spawnSync(findBinary('nginx'), ['-t', '-c', join(prefix, 'nginx.conf'), '-p', prefix], { env: { PATH: SERVICE_PATH }, encoding: 'utf8' });
}

/** Whether this machine has IPv6 on loopback (::1), where the site's `listen [::]:...` lines can go. */
export const hasIpv6Loopback = (): boolean => existsSync('/proc/net/if_inet6') && /^0{31}1 /mu.test(readFileSync('/proc/net/if_inet6', 'utf8'));

/** A real nginx in the foreground on `prefix`'s nginx.conf; ready once `port` accepts connections. */
export async function startNginx(prefix: string, port: number): Promise<{ stop(): Promise<void> }> {
  const child = spawn(findBinary('nginx'), ['-c', join(prefix, 'nginx.conf'), '-p', prefix, '-g', 'daemon off;'], { env: { PATH: SERVICE_PATH }, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const accepts = () => new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
    s.on('error', () => resolve(false));
  });
  const end = Date.now() + 10_000;
  while (!(await accepts())) {
    if (child.exitCode !== null || Date.now() > end) {
      await stop();
      const log = existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : '(no log)';
      throw new Error(`nginx did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { stop };
}
