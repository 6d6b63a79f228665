import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExecRun } from '../../../../src/kit/steps/exec.js';
import { tempDir } from '../../../helpers/cli.js';
import { composeConfig, mounts } from '../../../helpers/compose.js';
import { nginxTest, wrapSite } from '../../../helpers/nginx-site.js';
import { EXTERNAL_EXAMPLE, renderIchnaea, type Rendered } from './render.js';

/** The site with each path the nginx container sees replaced by the host path Compose mounts there, wrapped for nginx -t. */
function siteHere(r: Rendered, prefix: string): string {
  const nginx = composeConfig(r.installFolder).services['nginx']!;
  let site = r.text('nginx/ichnaea.conf');
  for (const m of mounts(nginx).sort((a, b) => b.target.length - a.target.length)) site = site.replaceAll(m.target, m.source);
  wrapSite(prefix, site);
  return site;
}

/**
 * The proxy's site as a real nginx reads it (`nginx -t`, which loads the certificate and key it names):
 * the paths the nginx container sees become the host paths Compose mounts there, and the stack's own
 * dummy-certificate step (openssl) makes the pair nginx starts with.
 */
describe('the Ichnaea TLS proxy site', () => {
  it('passes nginx -t with the temporary certificate the steps make first', async () => {
    const work = tempDir();
    const data = join(work, 'data');
    const r = await renderIchnaea(EXTERNAL_EXAMPLE, { data_dir: data }, work);
    const live = join(data, 'letsencrypt', 'live', 'location.example.org');
    const argv = (r.steps.find((s) => s.id === 'dummy-certificate')?.run as ExecRun | undefined)?.argv ?? [];
    expect(argv[0]).toBe('openssl');
    expect(argv.filter((a) => a.startsWith(live))).toHaveLength(2);
    mkdirSync(live, { recursive: true });
    const made = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);

    const prefix = join(work, 'nginx');
    const site = siteHere(r, prefix);
    const t = nginxTest(prefix);
    expect(t.status, t.stderr).toBe(0);
    // It passes the client's address on: Ichnaea locates a request without wifi or cells by it.
    expect(site).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
  }, 60_000);

  it('is refused by nginx -t when the certificate is not there yet, which is why the steps make one first', async () => {
    const work = tempDir();
    const r = await renderIchnaea(EXTERNAL_EXAMPLE, { data_dir: join(work, 'data') }, work);
    const prefix = join(work, 'nginx');
    siteHere(r, prefix);
    const t = nginxTest(prefix);
    expect(t.status).not.toBe(0);
    expect(t.stderr).toMatch(/fullchain\.pem/);
  }, 60_000);
});
