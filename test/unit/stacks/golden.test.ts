import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/app/load-answers.js';
import { makePlan } from '../../src/app/make-plan.js';
import { describePlan } from '../../src/core/plan/describe.js';
import { EXAMPLE_ENV, EXAMPLES, FIXTURES, ROOT, runCli } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';
import { seededRandom } from '../helpers/seeded-random.js';

/** A folder that does not exist: every file is new, and paths in the plan are stable. */
const DIR = '/nonexistent/fieldstation-golden/server';

const CASES: Record<string, string> = {
  example: join(EXAMPLES, 'stickypi.yaml'),
  'local-s3': join(FIXTURES, 'stickypi', 'local-s3.yaml'),
  'file-secrets': join(FIXTURES, 'stickypi', 'file-secrets.yaml'),
};

async function planCase(name: string) {
  const loaded = await loadAnswers(CASES[name]!, EXAMPLE_ENV);
  return makePlan(loaded, { dir: DIR, templatesDir: join(ROOT, 'templates'), random: seededRandom(`golden:${name}`) });
}

describe('Sticky Pi golden files', () => {
  for (const name of Object.keys(CASES)) {
    it(`renders the ${name} case byte for byte`, async () => {
      const { plan } = await planCase(name);
      // Files outside the install folder keep their absolute path under the case's folder.
      for (const f of plan.files) expectGolden(`stickypi/${name}/${f.path.replace(/^\//, '')}`, f.content);
      expectGolden(`stickypi/${name}/plan.txt`, describePlan(plan, { diffs: true }));
    });
  }

  it('writes the answers under upstream\'s variable names, literally', async () => {
    const { plan } = await planCase('file-secrets');
    const read = (path: string) => parseEnv(plan.files.find((f) => f.path === path)!.content);
    expect(read('.env')).toMatchObject({ ROOT_DOMAIN_NAME: 'spi.university.example', LOCAL_VOLUME_ROOT: '/opt/sticky-pi-server' });
    expect(read('.prod.env')).toMatchObject({ ROOT_DOMAIN_NAME: 'spi.university.example', RSHINY_UPSTREAM_ROOT_URL: 'api.spi.university.example' });
    const secret = read('.secret.env');
    expect(Object.keys(secret).sort()).toEqual(['ADMIN_EMAIL', 'API_ADMIN_PASSWORD', 'MYSQL_PASSWORD', 'S3_ACCESS_KEY', 'S3_BUCKET_NAME', 'S3_HOST', 'S3_PRIVATE_KEY', 'SECRET_API_KEY', 'UID_PASSWORD']);
    expect(secret).toMatchObject({ S3_ACCESS_KEY: 'AKIAFILEKEY0000001', API_ADMIN_PASSWORD: 'admin-password-from-a-file', S3_HOST: 'objects.university.example' });
    // Upstream refuses passwords of 10 characters or fewer.
    for (const key of ['MYSQL_PASSWORD', 'API_ADMIN_PASSWORD', 'UID_PASSWORD']) expect(secret[key]!.length).toBeGreaterThan(10);
    expect(secret['SECRET_API_KEY']).toMatch(/^[A-Za-z0-9_-]{48}$/);
    for (const f of plan.files) {
      const settings = f.content.split('\n').filter((l) => !l.startsWith('#'));
      expect(settings.join('\n'), f.path).not.toContain('${');
    }
  });

  it('points local S3 at s3.<domain> and generates its keys', async () => {
    const { plan, generated } = await planCase('local-s3');
    const secret = parseEnv(plan.files.find((f) => f.path === '.secret.env')!.content);
    expect(secret['S3_HOST']).toBe('s3.traps.field-lab.example');
    expect(generated).toContain('s3.access_key');
    expect(secret['API_ADMIN_PASSWORD']).toBe('correct horse battery staple #1');
  });

  it('renders the same through the built CLI (templates compiled at build time)', () => {
    // plan writes nothing, so the example's real data folder (/opt/...) is safe to name here.
    const r = runCli(['plan', '--answers', CASES['example']!, '--dir', DIR], { env: EXAMPLE_ENV });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'snapshots', 'stickypi', 'example', 'plan.txt'), 'utf8'));
  });

  it('never shows a secret value in the printed plan', async () => {
    for (const name of Object.keys(CASES)) {
      const { plan, input } = await planCase(name);
      const text = describePlan(plan, { diffs: true });
      for (const secret of Object.values(input.secrets)) expect(text).not.toContain(secret.reveal());
      expect(text).toContain('[masked:secrets.mysql_password]');
    }
  });
});
