import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../../src/core/secrets/secret.js';
import type { Step } from '../../../../src/core/steps/step.js';
import { mkdirKind, type MkdirRun } from '../../../../src/kit/steps/index.js';
import { stickypi } from '../../../../src/stacks/stickypi/index.js';
import { tempDir } from '../../../helpers/cli.js';
import { startChallengeNginx, type Nginx } from '../../../helpers/nginx.js';

const DOMAIN = 'sticky.example.org';
const TOKEN = 'Xy3-challenge_token';
const URL_PATH = `/.well-known/acme-challenge/${TOKEN}`;
const mode = (path: string) => statSync(path).mode & 0o777;
const owner = (path: string) => `${statSync(path).uid}:${statSync(path).gid}`;

/** Sticky Pi's own `volumes` step for a data folder inside the test's folder. */
function volumesStep(root: string): Step {
  const answers = { domain: DOMAIN, admin_email: 'admin@example.org', volume_root: root, 'first_user.create': false };
  const steps = stickypi.steps({ answers, secrets: { 'secrets.admin_password': new Secret('secrets.admin_password', 'x'.repeat(32)) }, previous: {}, dir: root });
  return steps.find((s) => s.id === 'volumes')!;
}

/** Runs the step through the real mkdir executor; its output lines. */
async function runVolumes(step: Step): Promise<string[]> {
  const lines: string[] = [];
  const outcome = await mkdirKind.execute!(step.run as MkdirRun, { signal: new AbortController().signal, onLine: (l) => lines.push(l), settings: { env: {}, graceMs: 1000 } });
  expect(outcome, lines.join('\n')).toEqual({ ok: true });
  return lines;
}

/** What certbot's webroot plugin does, as root: the challenge folders 0755 and the token file 0644. */
function writeChallenge(webroot: string): void {
  const folder = join(webroot, '.well-known', 'acme-challenge');
  mkdirSync(folder, { recursive: true });
  chmodSync(join(webroot, '.well-known'), 0o755);
  chmodSync(folder, 0o755);
  writeFileSync(join(folder, TOKEN), `${TOKEN}.account-thumbprint`, { mode: 0o644 });
}

let nginx: Nginx | undefined;
afterEach(async () => {
  await nginx?.stop();
  nginx = undefined;
});

describe('Sticky Pi\'s data folders, as their consumers see them', () => {
  it('let a real nginx with unprivileged workers serve the ACME challenge, after a first run and a re-run', async () => {
    const work = tempDir();
    // mkdtemp makes 0700: nobody (nginx's workers) must be able to pass through the test's folder.
    chmodSync(work, 0o755);
    const root = join(work, 'data');
    const webroot = join(root, 'data/certbot/www');
    const step = volumesStep(root);

    const first = await runVolumes(step);
    expect(first).toContain(`${webroot}: created (mode 0755)`);
    expect([mode(join(root, 'mysql')), owner(join(root, 'mysql'))]).toEqual([0o750, '999:999']);
    expect([mode(join(root, 'data/certbot/conf')), mode(join(root, 'data/certbot/conf/live')), mode(join(root, `data/certbot/conf/live/${DOMAIN}`))]).toEqual([0o755, 0o700, 0o700]);
    expect([mode(root), mode(join(root, 'data')), mode(join(root, 'data/certbot')), mode(webroot)]).toEqual([0o755, 0o755, 0o755, 0o755]);

    writeChallenge(webroot);
    nginx = await startChallengeNginx(webroot);
    expect(await nginx.fetch(URL_PATH)).toEqual({ status: 200, body: `${TOKEN}.account-thumbprint` });

    // A re-run changes nothing that works, and says so.
    expect(await runVolumes(step)).toContain(`${webroot}: exists (mode 0755), nothing to add`);
    expect(mode(webroot)).toBe(0o755);
    expect(await nginx.fetch(URL_PATH)).toEqual({ status: 200, body: `${TOKEN}.account-thumbprint` });
  });

  it('show the 403 of the old 0750 webroot, which a re-run repairs by adding only o+rx', async () => {
    const work = tempDir();
    chmodSync(work, 0o755);
    const root = join(work, 'data');
    const webroot = join(root, 'data/certbot/www');
    // What the step made before: every folder 0750, owned by root.
    mkdirSync(webroot, { recursive: true });
    chmodSync(webroot, 0o750);
    writeChallenge(webroot);
    nginx = await startChallengeNginx(webroot);
    expect((await nginx.fetch(URL_PATH)).status).toBe(403);

    const volumes = volumesStep(root);
    const why = (volumes.run as MkdirRun).folders.find((f) => f.path === webroot)!.why;
    expect(await runVolumes(volumes)).toContain(`${webroot}: exists; added o+rx (mode 0750 -> 0755) for: ${why}`);
    expect(await nginx.fetch(URL_PATH)).toEqual({ status: 200, body: `${TOKEN}.account-thumbprint` });
  });
});

