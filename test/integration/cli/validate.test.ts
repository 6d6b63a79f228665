import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeExampleHostFiles, standInEnv } from '../../../scripts/examples.mjs';
import { STACKS } from '../../../src/stacks/index.js';
import { beaconEntry } from '../../fixtures/stacks/beacon/index.js';
import { ROOT, runCli, tempDir } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';

const examples = STACKS.flatMap((s) => s.about.examples.map((e) => [e, s.about.title] as const));

describe('fieldstation validate', () => {
  it.each(examples)('accepts %s when its secrets are in the environment', (example, title) => {
    // The files examples point at (Ichnaea's GeoIP database) under a host root of the test's own.
    const host = tempDir();
    placeExampleHostFiles(ROOT, host);
    const r = runCli(['validate', '--answers', join(ROOT, example)], { env: { ...standInEnv(join(ROOT, example)), FIELDSTATION_TEST_HOST_ROOT: host } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`valid answers for ${title}`);
  });

  it.each(examples.filter(([e]) => Object.keys(standInEnv(join(ROOT, e))).length > 0))('names each unset environment variable of %s and exits 2', (example) => {
    const names = Object.keys(standInEnv(join(ROOT, example)));
    const r = runCli(['validate', '--answers', join(ROOT, example)], { env: Object.fromEntries(names.map((n) => [n, undefined])) });
    expect(r.status).toBe(2);
    for (const name of names) expect(r.stderr).toMatch(new RegExp(`\\(line \\d+\\): comes from the environment variable ${name}, which is not set`));
  });

  it('lists every problem at once, in file order, with key, line and fix, and never echoes a literal secret', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, [
      'version: 1',
      'stack: beacon',
      'site:',
      '  name: North Ridge',
      '  domain: https://beacon.example.org',
      'data_root: relative/path',
      'storage:',
      '  mode: remote',
      '  key: {env: MISSING_VAR_FOR_TEST}',
      'secrets:',
      '  token: Zq9xK',
      '  vault_key: {file: does-not-exist}',
      'sensorz: 3',
      '',
    ].join('\n'));
    const r = await runInProcess(['validate', '--answers', file], { cwd: dir, stacks: [beaconEntry] });
    expect(r.status).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => /^ {2}(error|warning)/.test(l));
    expect(lines.map((l) => l.replace(/^ {2}(error|warning) +/, '').replace(/:.*$/, ''))).toEqual([
      'site.name (line 4)',
      'site.domain (line 5)',
      'data_root (line 6)',
      'storage.url (line 7)', // missing: the line of the group it belongs in
      'storage.key (line 9)',
      'secrets.token (line 11)',
      'secrets.token (line 11)',
      'secrets.vault_key (line 12)',
      'sensorz (line 13)',
    ]);
    expect(r.stderr).toContain('fix: Did you mean "sensors"?');
    expect(r.stderr).toMatch(/8 problems in the answers; nothing was written/);
    expect(r.stderr).toMatch(/secrets\.token \(line 11\): has a value that is too short: it needs at least 16 characters and has 5/);
    expect(r.stderr).not.toContain('Zq9xK');
  });

  it('gives machine-readable results with --json', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'version: 1\nstack: beacon\nstorage:\n  mode: remote\n');
    const r = await runInProcess(['validate', '--answers', file, '--json'], { cwd: dir, stacks: [beaconEntry] });
    expect(r.status).toBe(2);
    const result = JSON.parse(r.stdout) as { valid: boolean; problems: { path: string; severity: string }[] };
    expect(result.valid).toBe(false);
    // In file order: the missing storage answers at their group's line, then the missing site answers.
    expect(result.problems.map((p) => p.path)).toEqual(['storage.key', 'storage.url', 'site.domain', 'site.name']);
  });

  it('says when the file is missing, not YAML, or for a server it does not know', () => {
    const missing = runCli(['validate', '--answers', '/nonexistent/answers.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('it does not exist');
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), 'version: 1\nstack: "oops\n');
    const broken = runCli(['validate', '--answers', join(dir, 'broken.yaml')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/not valid YAML/);
    writeFileSync(join(dir, 'unknown.yaml'), 'version: 1\nstack: nonesuch\n');
    const unknown = runCli(['validate', '--answers', join(dir, 'unknown.yaml')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`fix: Use one of: ${STACKS.map((s) => s.about.id).join(', ')}.`);
    expect(unknown.stderr).toContain('is "nonesuch", which is not a server fieldstation sets up');
  });
});
