import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../../src/app/answers.js';
import { planInstall } from '../../../src/app/plan.js';
import { hostFiles } from '../../../src/io/host-files.js';
import { STACKS } from '../../../src/stacks/index.js';
import { FIXTURES, ROOT, tempDir } from '../../helpers/cli.js';
import { seededRandom } from '../../helpers/seeded-random.js';

/** Sticky Pi's own files: upstream's variable names and its local S3 host, read back with dotenv. */
async function plan(name: string) {
  const deps = { stacks: STACKS, templatesRoot: join(ROOT, 'templates'), env: {}, files: hostFiles(join(tempDir(), 'host')), random: seededRandom(name), now: () => new Date('2026-11-23T10:00:00Z') };
  const planned = await planInstall(deps, await loadAnswers(deps, { kind: 'file', path: join(FIXTURES, 'stickypi', `${name}.yaml`) }), '/nonexistent/stickypi/server');
  return { ...planned, read: (path: string) => parseEnv(planned.plan.files.find((f) => f.path === path)!.content) };
}

describe('Sticky Pi\'s files', () => {
  it('hold the answers under upstream\'s variable names, literally', async () => {
    const { plan: p, read } = await plan('file-secrets');
    expect(read('.env')).toMatchObject({ ROOT_DOMAIN_NAME: 'spi.university.example', LOCAL_VOLUME_ROOT: '/opt/sticky-pi-server' });
    expect(read('.prod.env')).toMatchObject({ ROOT_DOMAIN_NAME: 'spi.university.example', RSHINY_UPSTREAM_ROOT_URL: 'api.spi.university.example' });
    const secret = read('.secret.env');
    expect(Object.keys(secret).sort()).toEqual(['ADMIN_EMAIL', 'API_ADMIN_PASSWORD', 'MYSQL_PASSWORD', 'S3_ACCESS_KEY', 'S3_BUCKET_NAME', 'S3_HOST', 'S3_PRIVATE_KEY', 'SECRET_API_KEY', 'UID_PASSWORD']);
    expect(secret).toMatchObject({ S3_ACCESS_KEY: 'AKIAFILEKEY0000001', API_ADMIN_PASSWORD: 'admin-password-from-a-file', S3_HOST: 'objects.university.example' });
    // Upstream refuses passwords of 10 characters or fewer.
    for (const key of ['MYSQL_PASSWORD', 'API_ADMIN_PASSWORD', 'UID_PASSWORD']) expect(secret[key]!.length).toBeGreaterThan(10);
    expect(secret['SECRET_API_KEY']).toMatch(/^[A-Za-z0-9_-]{48}$/);
    for (const f of p.files) {
      const settings = f.content.split('\n').filter((l) => !l.startsWith('#'));
      expect(settings.join('\n'), f.path).not.toContain('${');
    }
  });

  it('point local S3 at s3.<domain> and generate its keys', async () => {
    const { view, read } = await plan('local-s3');
    expect(read('.secret.env')['S3_HOST']).toBe('s3.traps.field-lab.example');
    expect(view.generated).toContain('s3.access_key');
    expect(read('.secret.env')['API_ADMIN_PASSWORD']).toBe('correct horse battery staple #1');
  });
});
