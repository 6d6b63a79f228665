import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../../../helpers/cli.js';
import { EXAMPLE_ENV, writeStickypiAnswers } from './answers.js';
import { UPSTREAM_ENTRIES, writeUpstreamServer } from './upstream.js';
import { Terminal } from '../../../helpers/tmux.js';

let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

const applyInTerminal = (answers: string, dir: string) =>
  new Terminal(`${process.execPath} ${BIN} apply --answers ${answers} --dir ${dir} --skip-bootstrap; echo EXIT=$?; sleep 30`, { env: EXAMPLE_ENV });

describe('apply asks before writing when a person is at a terminal', () => {
  it('shows the plan, and writes after "y"', async () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    terminal = applyInTerminal(writeStickypiAnswers(work), dir);
    const screen = await terminal.waitFor('[y/N]');
    expect(screen).toContain('Write 5 files in');
    expect(screen).not.toContain('AKIAEXAMPLEKEY123');
    terminal.type('y');
    terminal.keys('Enter');
    await terminal.waitFor('EXIT=0');
    expect(statSync(join(dir, '.secret.env')).mode & 0o777).toBe(0o600);
  });

  it('writes nothing after "n" (or just Enter) and exits 130', async () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    terminal = applyInTerminal(writeStickypiAnswers(work), dir);
    await terminal.waitFor('[y/N]');
    terminal.keys('Enter');
    const screen = await terminal.waitFor('EXIT=130');
    expect(screen).toContain('Nothing was written.');
    expect(readdirSync(dir).sort()).toEqual(UPSTREAM_ENTRIES);
  });

  it('asks nothing when the plan is blocked: it says why and how to fix it, and exits 3', async () => {
    const work = tempDir();
    const dir = join(work, 'server');
    terminal = applyInTerminal(writeStickypiAnswers(work), dir);
    const screen = await terminal.waitFor('EXIT=3');
    expect(screen).not.toContain('[y/N]');
    // Long lines wrap at the terminal's width.
    const text = screen.replace(/\n/g, '');
    expect(text).toContain(`${dir} does not exist: it must be upstream's server/ folder`);
    expect(text).toContain('git clone -b develop https://github.com/sticky-pi/sticky-pi-api');
  });
});
