import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../helpers/cli.js';

const COMMANDS = ['validate', 'plan', 'apply', 'questions', 'schema'];

describe('help, version and usage errors', () => {
  it('--help lists every command and the exit codes on stdout', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.stdout).toMatch(/130\s+interrupted/);
  });

  it.each(COMMANDS)('%s --help tells its usage', (command) => {
    const r = runCli([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: fieldstation ${command}`);
    expect(runCli(['help', command]).stdout).toBe(r.stdout);
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

  it('prints each server\'s questions from the catalogue', () => {
    const r = runCli(['questions', '--stack', 'stickypi']);
    expect(r.status).toBe(0);
    for (const key of ['domain', 's3.mode', 's3.host', 'secrets.mysql_password']) expect(r.stdout).toContain(`  ${key}  [`);
    expect(runCli(['questions', '--stack', 'nope']).status).toBe(2);
  });
});
