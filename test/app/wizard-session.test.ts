import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/app/load-answers.js';
import { makePlan } from '../../src/app/make-plan.js';
import { createWizardSession, inspectInstall } from '../../src/app/wizard-session.js';
import { reduce, start, toAnswersData, type WizardEvent } from '../../src/core/wizard/machine.js';
import { stickypi } from '../../src/stacks/stickypi/index.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { seededRandom } from '../helpers/seeded-random.js';

const session = (dir: string) => createWizardSession({
  stack: stickypi, dir, env: {}, templatesDir: join(ROOT, 'templates'), random: seededRandom('session'), now: () => new Date('2026-11-23T12:00:00Z'),
  toolVersion: 'test', skipBootstrap: true, skipChecks: [], identity: { uid: 0, groups: [0] }, confirmDestructive: async () => false,
});

/** Answers as the wizard collects them: remote S3 with typed keys, everything else generated or default. */
function wizardData(work: string) {
  const a = (value: string | number | boolean): WizardEvent => ({ type: 'answer', value });
  const g: WizardEvent = { type: 'secret', choice: { kind: 'generate' } };
  const t = (value: string): WizardEvent => ({ type: 'secret', choice: { kind: 'value', value } });
  const s = [a('sticky.example.org'), a('admin@example.org'), a(join(work, 'data')), a(10), a(52), a('remote'), a('s3.example-provider.com'), a('sticky-pi-prod'),
    t('AKIATYPEDKEY00001'), t('typed-private-key-0001'), g, g, g, g, a(false)].reduce(reduce, start(stickypi.questions));
  return toAnswersData(s, 'stickypi');
}

describe('the wizard session (the real ports behind both frontends)', () => {
  it('previews, writes the files, and saves answers that replay to identical files', async () => {
    const work = tempDir();
    const dir = join(work, 'server');
    const ports = await session(dir);
    expect(ports.install).toEqual({ kind: 'fresh' });
    const data = wizardData(work);
    const preview = await ports.preview(data);
    if (!preview.ok) throw new Error(JSON.stringify(preview.problems));
    expect(preview.plan.files.map((f) => [f.path.replace(work, '<work>'), f.status])).toEqual([['.env', 'new'], ['.prod.env', 'new'], ['.secret.env', 'new'], ['<work>/data/data/certbot/conf/options-ssl-nginx.conf', 'new']]);
    expect(JSON.stringify(preview)).not.toContain('typed-private-key-0001');

    const outcome = await ports.apply(data, () => undefined, new AbortController().signal);
    expect(outcome.status).toBe('written');
    const secretEnv = readFileSync(join(dir, '.secret.env'), 'utf8');
    expect(secretEnv).toContain("S3_PRIVATE_KEY='typed-private-key-0001'");

    // The saved answers hold references only; the typed key sits in a private file.
    const saved = readFileSync(outcome.answersPath!, 'utf8');
    expect(saved).not.toContain('typed-private-key-0001');
    expect(parse(saved)).toMatchObject({ stack: 'stickypi', s3: { private_key: { file: 'secrets/s3.private_key' } }, secrets: { mysql_password: { generate: true } } });
    expect(statSync(join(dir, '.fieldstation', 'secrets', 's3.private_key')).mode & 0o777).toBe(0o600);
    expect(statSync(outcome.answersPath!).mode & 0o777).toBe(0o600);

    // Replayed as `apply --answers` would: nothing changes.
    const replay = await makePlan(await loadAnswers(outcome.answersPath!, {}), { dir, templatesDir: join(ROOT, 'templates'), random: seededRandom('other') });
    expect(replay.plan.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });

  it('finds an install and starts from its answers and secrets', async () => {
    const work = tempDir();
    const dir = join(work, 'server');
    const ports = await session(dir);
    await ports.apply(wizardData(work), () => undefined, new AbortController().signal);
    const found = await inspectInstall(stickypi, dir, {});
    expect(found).toMatchObject({ kind: 'installed', answers: { domain: 'sticky.example.org', 's3.mode': 'remote' }, unfinished: undefined });
    if (found.kind !== 'installed') throw new Error('not installed');
    expect(found.secrets['secrets.api_key']).toEqual({ kind: 'generate' });
    expect(found.secrets['s3.access_key']).toEqual({ kind: 'value', value: 'AKIATYPEDKEY00001' });
    // From these, the wizard lands on the review screen: nothing is missing.
    expect(start(stickypi.questions, { answers: { ...found.answers }, secrets: { ...found.secrets } }).current).toBeUndefined();
  });

  it('returns problems instead of a plan when an answer is not acceptable', async () => {
    const work = tempDir();
    const ports = await session(join(work, 'server'));
    const data = { ...wizardData(work), domain: 'Bad Domain' };
    const preview = await ports.preview(data);
    expect(preview.ok).toBe(false);
    if (!preview.ok) expect(preview.problems[0]).toMatchObject({ path: 'domain', severity: 'error' });
  });
});
