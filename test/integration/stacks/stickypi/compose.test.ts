import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli, tempDir } from '../../../helpers/cli.js';
import { writeUpstreamServer } from './upstream.js';
import { EXAMPLE_ENV, writeStickypiAnswers } from './answers.js';

/**
 * What the admin's own `docker compose` sees in the install folder, read by Compose's parser (Debian's
 * docker-compose 1.29 `config`, which needs no engine) on compose files of upstream's shape, after
 * fieldstation wrote its files. Run as the admin would: in that folder, no -f, no COMPOSE_FILE in the shell.
 */
type Service = {
  ports?: (string | { published: number | string; target: number; host_ip?: string })[];
  entrypoint?: string | string[];
  restart?: string;
  deploy?: { replicas?: number };
  volumes?: string[];
  environment?: Record<string, string>;
  networks?: Record<string, { aliases?: string[] } | null>;
  image?: string;
};

function install(localS3: boolean, work = tempDir()) {
  const dir = join(work, 'server');
  writeUpstreamServer(dir);
  const answers = writeStickypiAnswers(work, { localS3 });
  const r = runCli(['apply', '--answers', answers, '--dir', dir, '--yes', '--skip-bootstrap'], { env: EXAMPLE_ENV });
  expect(r.status, r.stderr).toBe(0);
  return { work, dir, data: join(work, 'data') };
}

function composeConfig(dir: string, args: string[] = []): { text: string; stderr: string; services: Record<string, Service> } {
  const env = { ...process.env };
  delete env['COMPOSE_FILE'];
  delete env['COMPOSE_PROFILES'];
  const r = spawnSync('docker-compose', [...args, 'config'], { cwd: dir, env, encoding: 'utf8' });
  if (r.error) throw new Error(`docker-compose is not installed (apt-get install docker-compose): ${r.error.message}`);
  expect(r.status, r.stderr).toBe(0);
  return { text: r.stdout, stderr: r.stderr, services: (parseYaml(r.stdout) as { services: Record<string, Service> }).services };
}

/** Every published port, as host address and port: short strings ("127.0.0.1:8081:80/tcp") and long forms. */
function published(service: Service): { ip: string; port: number }[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'string') {
      const parts = p.replace(/\/\w+$/, '').split(':');
      return parts.length === 3 ? { ip: parts[0]!, port: Number(parts[1]) } : { ip: '0.0.0.0', port: Number(parts[0]) };
    }
    return { ip: p.host_ip ?? '0.0.0.0', port: Number(p.published) };
  });
}

describe.each([
  ['remote S3', false],
  ['local S3', true],
])('Sticky Pi with %s: the compose project an admin sees', (_name, localS3) => {
  let t: ReturnType<typeof install>;
  let seen: ReturnType<typeof composeConfig>;
  // One install for the block's tests (apply takes a second): in a folder of the block's own.
  // A space in the data folder's path, as an admin may have: Compose must still read it right.
  const work = mkdtempSync(join(tmpdir(), 'fieldstation compose-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  beforeAll(() => {
    t = install(localS3, work);
    seen = composeConfig(t.dir);
  });

  it('resolves every variable from the files fieldstation wrote', () => {
    expect(seen.stderr).not.toMatch(/variable is not set/i);
    // `$${` is Compose's escape of a literal `$` (upstream's `wait $${!}`); anything else is unresolved.
    expect(seen.text).not.toMatch(/(?<!\$)\$\{/);
    expect(seen.text).toContain(`${t.data}/mysql:/var/lib/mysql`);
  });

  it('is the same project the steps run (.env\'s COMPOSE_FILE = the steps\' -f list)', () => {
    const composeFile = parseEnv(readFileSync(join(t.dir, '.env'), 'utf8'))['COMPOSE_FILE']!;
    const plan = runCli(['plan', '--answers', join(t.work, 'answers.yaml'), '--dir', t.dir], { env: EXAMPLE_ENV });
    expect(plan.status, plan.stderr).toBe(0);
    // The plan prints each step's exact command: `run: docker compose -f ... (in DIR)`.
    const argvs = [...plan.stdout.matchAll(/^ +run: (docker compose .*?) {2}\(in /gm)].map((m) => m[1]!.split(' '));
    expect(argvs.length).toBeGreaterThanOrEqual(6);
    for (const argv of argvs) {
      const files = argv.flatMap((w, i) => (argv[i - 1] === '-f' ? [w] : []));
      expect(files.join(':')).toBe(composeFile);
    }
    const withFlags = composeConfig(t.dir, composeFile.split(':').flatMap((f) => ['-f', f]));
    expect(withFlags.text).toBe(seen.text);
  });

  it('publishes nothing but 80 and 443 beyond loopback', () => {
    const open = Object.entries(seen.services).flatMap(([name, s]) => published(s).filter((p) => p.ip !== '127.0.0.1').map((p) => `${name}:${p.port}`));
    expect(open.sort()).toEqual(['spi_nginx:443', 'spi_nginx:80']);
    expect(published(seen.services['spi_webapp']!)).toEqual([{ ip: '127.0.0.1', port: 8081 }]);
  });

  it('never starts upstream\'s localstack (zero replicas), and runs MinIO only for local S3', () => {
    expect(seen.services['spi_s3']!.deploy?.replicas).toBe(0);
    const minio = seen.services['spi_minio'];
    if (!localS3) return expect(minio).toBeUndefined();
    expect(minio!.image).toMatch(/^minio\/minio:RELEASE\.\d{4}-/);
    expect(minio!.ports ?? []).toEqual([]);
    expect(minio!.volumes).toContain(`${t.data}/s3:/data:rw`);
    // The keys reach MinIO under its own names, equal to the ones the API uses.
    const secret = parseEnv(readFileSync(join(t.dir, '.secret.env'), 'utf8'));
    expect(minio!.environment?.['MINIO_ROOT_USER']).toBe(secret['S3_ACCESS_KEY']);
    expect(minio!.environment?.['MINIO_ROOT_PASSWORD']).toBe(secret['S3_PRIVATE_KEY']);
    expect(secret['S3_ACCESS_KEY']!.length).toBeGreaterThanOrEqual(8);
    expect(secret['S3_HOST']).toBe('s3.sticky.example.org');
  });

  it('routes s3.<domain> through nginx, inside the network too, only for local S3', () => {
    const nginx = seen.services['spi_nginx']!;
    const mount = `${t.data}/data/nginx/fieldstation-s3.conf:/etc/nginx/conf.d/fieldstation-s3.conf:ro`;
    if (!localS3) return expect(nginx.volumes).not.toContain(mount);
    expect(nginx.volumes).toContain(mount);
    expect(nginx.networks?.['default']?.aliases).toEqual(['s3.sticky.example.org']);
  });

  it('keeps certificates renewing: certbot restarts, nginx reloads beside upstream\'s run.sh', () => {
    expect(seen.services['spi_certbot']!.restart).toBe('unless-stopped');
    expect(String(seen.services['spi_certbot']!.entrypoint)).toContain('certbot renew');
    expect(seen.services['spi_nginx']!.entrypoint).toEqual(['/bin/sh', '-c', expect.stringMatching(/nginx -s reload.*exec bash run\.sh/)]);
  });
});

describe('the renewal reload, run as the container would run it', () => {
  it('starts upstream\'s run.sh and reloads nginx again and again', async () => {
    const t = install(false);
    const entrypoint = composeConfig(t.dir).services['spi_nginx']!.entrypoint as string[];
    // A stand-in world for the image: run.sh, nginx and a fast sleep, on PATH in a folder of the test's.
    const box = join(t.work, 'image');
    mkdirSync(join(box, 'bin'), { recursive: true });
    const log = join(box, 'calls.log');
    const tool = (name: string, body: string) => {
      writeFileSync(join(box, 'bin', name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(box, 'bin', name), 0o755);
    };
    tool('nginx', `echo "nginx $*" >> ${log}`);
    tool('sleep', 'exec /bin/sleep 0.05');
    // run.sh stands for nginx in the foreground; after a second it ends the whole group, reload loop included.
    writeFileSync(join(box, 'run.sh'), `echo "run.sh started" >> ${log}\n/bin/sleep 1\nkill 0\n`);
    const child = spawn(entrypoint[0]!, entrypoint.slice(1), { cwd: box, env: { PATH: `${join(box, 'bin')}:/usr/bin:/bin` }, stdio: 'ignore', detached: true });
    const ended = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    expect(ended).toBe('SIGTERM');
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toContain('run.sh started');
    expect(calls.filter((c) => c === 'nginx -s reload').length).toBeGreaterThanOrEqual(3);
  });
});
