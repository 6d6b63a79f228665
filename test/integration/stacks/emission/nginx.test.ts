import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExecRun } from '../../../../src/kit/steps/exec.js';
import { tempDir } from '../../../helpers/cli.js';
import { makeCertificate } from '../../../helpers/tls.js';
import { composeConfig, mounts } from '../../../helpers/compose.js';
import { nginxTest, wrapSite } from '../../../helpers/nginx-site.js';
import { DOCKER_EXAMPLE, NATIVE_EXAMPLE, renderEmission, type Rendered } from './render.js';

/**
 * The rendered nginx site, read by a real nginx (`nginx -t`, which also loads the certificate and key it
 * names), for both runtimes, both proxy TLS modes, and a public URL with and without a path.
 */
const HOST = 'h.example.org';

type Runtime = 'docker' | 'native';
type Tls = 'letsencrypt' | 'own';

async function render(runtime: Runtime, tls: Tls, url: string, work: string): Promise<Rendered> {
  const own = tls === 'own' ? { 'tls.certificate': join(work, `${HOST}.crt`), 'tls.private_key': join(work, `${HOST}.key`), admin_email: undefined } : {};
  if (tls === 'own') makeCertificate(work, HOST);
  return renderEmission(runtime === 'docker' ? DOCKER_EXAMPLE : NATIVE_EXAMPLE, {
    public_url: url,
    'tls.mode': tls,
    ...own,
    ...(runtime === 'docker' ? { data_dir: join(work, 'data'), 'logs.dir': join(work, 'data', 'logs') } : {}),
  }, work);
}

/** The stack's own `dummy-certificate` step (openssl into the live folder), run here: its paths are in the test's folder. */
function runDummyCertificate(r: Rendered, live: string): void {
  const step = r.steps.find((s) => s.id === 'dummy-certificate');
  const argv = (step?.run as ExecRun | undefined)?.argv ?? [];
  expect(argv[0]).toBe('openssl');
  expect(argv.filter((a) => a.startsWith(live))).toHaveLength(2);
  mkdirSync(live, { recursive: true });
  const made = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
}

/**
 * The site as nginx reads it here. Docker: the site is what the nginx container sees, so each of its
 * paths under a mount of the nginx service (read from `docker-compose config`) becomes that mount's host
 * path; nothing else changes. Native letsencrypt: the site names /etc/letsencrypt/live/<host>/, outside
 * the test's folder, which it must not write, and nginx has no root prefix for absolute paths: only those
 * two paths are replaced by a pair the test makes. Native own: the site names the test's pair itself.
 */
function siteAsReadHere(r: Rendered, runtime: Runtime, tls: Tls, work: string): string {
  if (runtime === 'docker') {
    const nginx = composeConfig(r.installFolder).services['nginx']!;
    if (tls === 'letsencrypt') runDummyCertificate(r, join(work, 'data', 'letsencrypt', 'live', HOST));
    let site = r.text('nginx/emission.conf');
    for (const m of mounts(nginx).sort((a, b) => b.target.length - a.target.length)) site = site.replaceAll(m.target, m.source);
    return site;
  }
  const site = r.text('/etc/nginx/conf.d/emission.conf');
  if (tls === 'own') {
    expect(site).toContain(`ssl_certificate ${join(work, `${HOST}.crt`)};`);
    return site;
  }
  const live = `/etc/letsencrypt/live/${HOST}`;
  expect(site).toContain(`ssl_certificate ${live}/fullchain.pem;`);
  expect(site).toContain(`ssl_certificate_key ${live}/privkey.pem;`);
  makeCertificate(work, HOST);
  return site.replace(`${live}/fullchain.pem`, join(work, `${HOST}.crt`)).replace(`${live}/privkey.pem`, join(work, `${HOST}.key`));
}

const cases = (['docker', 'native'] as const).flatMap((runtime) => (['letsencrypt', 'own'] as const).flatMap((tls) =>
  [`https://${HOST}/`, `https://${HOST}/api/`].map((url) => [`${runtime}, ${tls}, ${url}`, runtime, tls, url] as const)));

describe('the nginx site', () => {
  it.each(cases)('%s passes nginx -t', async (_name, runtime, tls, url) => {
    const work = tempDir('fieldstation-emission-nginx-');
    const r = await render(runtime, tls, url, work);
    const site = siteAsReadHere(r, runtime, tls, work);
    expect(site).toMatch(new RegExp(`location ${new URL(url).pathname} \\{`));
    wrapSite(join(work, 'nginx'), site);
    const t = nginxTest(join(work, 'nginx'));
    expect(t.stderr).toMatch(/syntax is ok/);
    expect(t.stderr).toMatch(/test is successful/);
    expect(t.status, t.stderr).toBe(0);
  });

  it('fails nginx -t with a key that is not the certificate\'s (the check reads the pair)', async () => {
    const work = tempDir('fieldstation-emission-nginx-');
    const r = await render('native', 'own', `https://${HOST}/api/`, work);
    mkdirSync(join(work, 'other'));
    makeCertificate(join(work, 'other'), HOST);
    wrapSite(join(work, 'nginx'), r.text('/etc/nginx/conf.d/emission.conf').replace(join(work, `${HOST}.key`), join(work, 'other', `${HOST}.key`)));
    const t = nginxTest(join(work, 'nginx'));
    expect(t.stderr).toMatch(/key values mismatch/);
    expect(t.status).not.toBe(0);
  });
});
