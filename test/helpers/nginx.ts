import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary, freePort, SERVICE_PATH } from './services.js';

export interface Nginx {
  readonly port: number;
  /** GET a path on it: the status and the body. */
  fetch(path: string): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

/**
 * A real nginx serving the ACME challenge from `webroot` as upstream's nginx.conf-template does
 * (`location /.well-known/acme-challenge/ { root /var/www/certbot; }`), with its workers dropped to
 * `nobody:nogroup` as the official image drops them to `nginx`: a folder they cannot read answers 403,
 * as Let's Encrypt would see it. Only a master started as root drops its workers, so this needs root.
 */
export async function startChallengeNginx(webroot: string): Promise<Nginx> {
  if (process.getuid?.() !== 0) throw new Error('this test needs root: only an nginx started as root runs its workers as another user (nobody)');
  const nginx = findBinary('nginx');
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-nginx-'));
  mkdirSync(join(dir, 'tmp'));
  const port = await freePort();
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir}/tmp;`).join(' ');
  writeFileSync(join(dir, 'nginx.conf'), [
    'user nobody nogroup;',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log;`,
    'events { worker_connections 16; }',
    `http { access_log off; ${temp}`,
    `  server { listen 127.0.0.1:${port}; location /.well-known/acme-challenge/ { root ${webroot}; } } }`,
    '',
  ].join('\n'));
  // In the foreground: the child is the master, stopped by its own pid.
  const child = spawn(nginx, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'], { env: { PATH: SERVICE_PATH }, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const fetch = (path: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const end = Date.now() + 10_000;
  for (;;) {
    if (await fetch('/').then(() => true, () => false)) return { port, fetch, stop };
    if (child.exitCode !== null || Date.now() > end) {
      const log = (() => { try { return readFileSync(join(dir, 'error.log'), 'utf8'); } catch { return '(no log)'; } })();
      await stop();
      throw new Error(`nginx did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
