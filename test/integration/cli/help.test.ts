import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STACKS } from '../../../src/stacks/index.js';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../helpers/cli.js';

const COMMANDS = ['validate', 'plan', 'apply', 'resume', 'upgrade', 'doctor', 'questions', 'schema'];

describe('help, version and usage errors', () => {
  it('--help lists every command and the exit codes on stdout', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.stdout).toMatch(/130\s+interrupted/);
  });

  it('--help names every server with its one line and its examples', () => {
    const r = runCli(['--help']);
    for (const { about } of STACKS) {
      expect(r.stdout).toContain(`${about.id.padEnd(10)} ${about.title}: ${about.tagline}`);
      for (const example of about.examples) expect(r.stdout).toContain(example);
    }
    // Help texts speak of the servers only through their descriptions: no server's ports or files.
    const doctor = runCli(['doctor', '--help']).stdout;
    expect(doctor).not.toMatch(/\b(80|443)\b/);
  });

  it.each(COMMANDS)('%s --help tells its usage', (command) => {
    const r = runCli([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: fieldstation ${command}`);
    expect(runCli(['help', command]).stdout).toBe(r.stdout);
  });

  it('--help lists every server\'s operations, each with its own help and options', () => {
    const main = runCli(['--help']).stdout;
    for (const { about } of STACKS) {
      for (const o of about.operations ?? []) {
        expect(main).toContain(`  ${o.name.padEnd(12)} ${o.summary} (${about.title})`);
        const r = runCli([o.name, '--help']);
        expect(r.status).toBe(0);
        expect(r.stdout).toContain(`Usage: fieldstation ${o.name} ${o.usage}`);
        for (const line of o.options) expect(r.stdout).toContain(line);
        expect(runCli(['help', o.name]).stdout).toBe(r.stdout);
      }
    }
    expect(STACKS.some(({ about }) => (about.operations ?? []).length > 0)).toBe(true);
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = runCli(['--version']);
    expect([r.status, r.stdout]).toEqual([0, `${version}\n`]);
  });

  it('refuses unknown commands and options with exit 2 and a pointer to help', () => {
    const unknownCommand = runCli(['instal']);
    expect(unknownCommand.status).toBe(2);
    expect(unknownCommand.stderr).toContain('unknown command "instal"');
    const unknownOption = runCli(['validate', '--answer', 'x.yaml']);
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr).toMatch(/Unknown option '--answer'/);
    expect(unknownOption.stderr).toContain('fieldstation validate --help');
    const missing = runCli(['plan']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--answers is required');
  });

  it.each(STACKS.map((s) => [s.about.id, s] as const))('prints the questions of %s from its catalogue', async (id, entry) => {
    const r = runCli(['questions', '--stack', id]);
    expect(r.status).toBe(0);
    for (const q of (await entry.load()).questions) expect(r.stdout).toContain(`  ${q.id}  [`);
  });

  it('refuses a server it does not know, naming the ones it knows', () => {
    const r = runCli(['questions', '--stack', 'nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`The servers: ${STACKS.map((s) => s.about.id).join(', ')}.`);
  });
});
