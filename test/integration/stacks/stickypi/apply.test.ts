import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../../helpers/cli.js';
import { EXAMPLE_ENV, writeStickypiAnswers } from './answers.js';
import { UPSTREAM_ENTRIES, writeUpstreamServer } from './upstream.js';

const FILES = ['.env', '.prod.env', '.secret.env'];
/** The TLS options file goes to the data folder (inside the test's folder, see writeStickypiAnswers). */
const TLS_OPTIONS = 'data/data/certbot/conf/options-ssl-nginx.conf';
const mode = (path: string) => statSync(path).mode & 0o777;
const apply = (answers: string, dir: string, extra: string[] = []) =>
  runCli(['apply', '--answers', answers, '--dir', dir, '--yes', '--skip-bootstrap', ...extra], { env: EXAMPLE_ENV });

/** Every secret value written in a folder, to check that none of them leaks anywhere else. */
const secretValues = (dir: string) => Object.entries(parseEnv(readFileSync(join(dir, '.secret.env'), 'utf8')))
  .filter(([k]) => !['S3_HOST', 'S3_BUCKET_NAME', 'ADMIN_EMAIL'].includes(k))
  .map(([, v]) => v);

describe('fieldstation apply', () => {
  it('writes the files with the right modes and a state file without secrets', () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    const r = apply(writeStickypiAnswers(work), dir);
    expect(r.status, r.stderr).toBe(0);
    expect(FILES.map((f) => [f, mode(join(dir, f))])).toEqual([['.env', 0o644], ['.prod.env', 0o644], ['.secret.env', 0o600]]);
    expect(mode(join(dir, '.fieldstation'))).toBe(0o700);
    const statePath = join(dir, '.fieldstation', 'state.json');
    expect(mode(statePath)).toBe(0o600);
    const state = readFileSync(statePath, 'utf8');
    const secrets = secretValues(dir);
    expect(secrets).toHaveLength(6);
    for (const value of secrets) {
      expect(state).not.toContain(value);
      expect(r.stdout + r.stderr).not.toContain(value);
    }
    // Format 2: the secrets' sources are recorded as secretSources (version 1 called them secrets).
    expect(JSON.parse(state)).toMatchObject({
      version: 2,
      stack: 'stickypi',
      answers: { domain: 'sticky.example.org', 's3.mode': 'remote' },
      secretSources: { 's3.access_key': { env: 'STICKY_S3_ACCESS_KEY' }, 'secrets.mysql_password': { generate: true } },
    });
  });

  it('keeps generated secrets on a re-run and changes nothing when nothing changed', () => {
    const work = writeUpstreamServer(tempDir());
    const answers = writeStickypiAnswers(work);
    expect(apply(answers, work).status).toBe(0);
    const before = FILES.map((f) => readFileSync(join(work, f), 'utf8'));
    const again = apply(answers, work);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/Wrote 0 file\(s\).*\(5 unchanged\)/);
    expect(FILES.map((f) => readFileSync(join(work, f), 'utf8'))).toEqual(before);
    expect(existsSync(join(work, '.fieldstation', 'backups'))).toBe(false);
  });

  it('keeps the previous version of a changed file, privately, and shows a masked diff in plan', () => {
    const work = writeUpstreamServer(tempDir());
    expect(apply(writeStickypiAnswers(work), work).status).toBe(0);
    const oldEnv = readFileSync(join(work, '.env'), 'utf8');
    const oldSecret = readFileSync(join(work, '.secret.env'), 'utf8');
    const answers = writeStickypiAnswers(work, { domain: 'traps.example.net' });

    const plan = runCli(['plan', '--answers', answers, '--dir', work], { env: EXAMPLE_ENV });
    expect(plan.status).toBe(0);
    expect(plan.stdout).toMatch(/changed +\.env/);
    expect(plan.stdout).toContain("-ROOT_DOMAIN_NAME='sticky.example.org'\n+ROOT_DOMAIN_NAME='traps.example.net'");
    expect(plan.stdout).toMatch(/unchanged +\.secret\.env/);
    for (const value of secretValues(work)) expect(plan.stdout + plan.stderr).not.toContain(value);

    const r = apply(answers, work);
    expect(r.status, r.stderr).toBe(0);
    const backups = join(work, '.fieldstation', 'backups');
    const [stamp] = readdirSync(backups);
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    expect(readFileSync(join(backups, stamp!, '.env'), 'utf8')).toBe(oldEnv);
    expect(mode(join(backups, stamp!, '.env'))).toBe(0o600);
    expect(existsSync(join(backups, stamp!, '.secret.env'))).toBe(false);
    expect(readFileSync(join(work, '.secret.env'), 'utf8')).toBe(oldSecret);
  });

  it('tightens a secret file that someone made readable', () => {
    const work = writeUpstreamServer(tempDir());
    expect(apply(writeStickypiAnswers(work), work).status).toBe(0);
    chmodSync(join(work, '.secret.env'), 0o644);
    const r = apply(writeStickypiAnswers(work), work);
    expect(r.status).toBe(0);
    expect(mode(join(work, '.secret.env'))).toBe(0o600);
  });

  it('refuses a symbolic link at a target and writes nothing at all', () => {
    const work = tempDir();
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'victim'), 'untouched\n');
    const dir = writeUpstreamServer(join(work, 'server'));
    symlinkSync(join(elsewhere, 'victim'), join(dir, '.secret.env'));
    const r = apply(writeStickypiAnswers(work), dir);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/\.secret\.env is a symbolic link/);
    expect(readFileSync(join(elsewhere, 'victim'), 'utf8')).toBe('untouched\n');
    expect(lstatSync(join(dir, '.secret.env')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['.secret.env', ...UPSTREAM_ENTRIES]);
  });

  it('writes nothing when the answers are bad', () => {
    const work = tempDir();
    const dir = join(work, 'server');
    const r = apply(writeStickypiAnswers(work, { domain: 'Not A Domain' }), dir);
    expect(r.status).toBe(2);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses without --yes when no terminal can confirm', () => {
    const work = tempDir();
    const answers = writeStickypiAnswers(work);
    const noYes = runCli(['apply', '--answers', answers, '--dir', work, '--skip-bootstrap'], { env: EXAMPLE_ENV });
    expect(noYes.status).toBe(2);
    expect(noYes.stderr).toMatch(/no terminal to confirm.*--yes/s);
    expect(readdirSync(work)).toEqual(['answers.yaml']);
  });

  it('refuses a folder that is not upstream\'s server/ folder, also with --skip-bootstrap, and says how to get it', () => {
    const work = tempDir();
    const dir = join(work, 'sticky-pi-api');
    mkdirSync(dir);
    writeFileSync(join(dir, 'docker-compose.yml'), 'services: {}\n');
    const answers = writeStickypiAnswers(work);
    const problem = `${dir} is not upstream's server/ folder (sticky-pi/sticky-pi-api, develop branch): docker-compose.prod.yml is missing`;
    const fix = 'Clone it with `git clone -b develop https://github.com/sticky-pi/sticky-pi-api`, then use its server/ folder: `--dir sticky-pi-api/server` (or run fieldstation in it).';
    const r = apply(answers, dir);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`Nothing was written: ${problem}.`);
    expect(r.stderr).toContain(fix);
    expect(readdirSync(dir)).toEqual(['docker-compose.yml']);
    expect(existsSync(join(work, 'data'))).toBe(false);

    const plan = runCli(['plan', '--answers', answers, '--dir', dir], { env: EXAMPLE_ENV });
    expect(plan.status).toBe(0);
    expect(plan.stdout).toContain(`  BLOCKED   ${problem}\n            fix: ${fix}\n`);
  });

  it('plan changes nothing, not even the folder', () => {
    const work = tempDir();
    const dir = join(work, 'server');
    const r = runCli(['plan', '--answers', writeStickypiAnswers(work), '--dir', dir], { env: EXAMPLE_ENV });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Files: 5 new, 0 changed, 0 unchanged/);
    expect(r.stdout).toMatch(/Bootstrap steps \(\d+\):/);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(work, 'data'))).toBe(false);
  });

  it('writes a file outside the folder where the server expects it, with its folders', () => {
    const work = tempDir();
    const r = apply(writeStickypiAnswers(work), writeUpstreamServer(join(work, 'server')));
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(work, TLS_OPTIONS), 'utf8')).toMatch(/^ssl_protocols TLSv1\.2 TLSv1\.3;$/m);
    expect(mode(join(work, TLS_OPTIONS))).toBe(0o644);
  });
});
