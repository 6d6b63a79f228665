import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInstalled } from '../../src/app/install-state.js';
import { EXAMPLE_ENV, runCli, tempDir } from '../helpers/cli.js';
import { writeStickypiAnswers } from '../helpers/stickypi-answers.js';

/** Resume reads an install back without its answers file: secrets kept outside the written files too. */
describe('an install read back from its folder', () => {
  const firstUser = (password: string) => `first_user:\n  create: true\n  username: field-team\n  password: ${password}`;

  it('reads a secret given by an environment variable from that variable again', async () => {
    const work = tempDir();
    const dir = join(work, 'server');
    const answers = writeStickypiAnswers(work, { extra: firstUser('{env: FIRST_USER_PASSWORD}') });
    const env = { ...EXAMPLE_ENV, FIRST_USER_PASSWORD: 'first-user-password-1' };
    expect(runCli(['apply', '--answers', answers, '--dir', dir, '--yes', '--skip-bootstrap'], { env }).status).toBe(0);
    const installed = await loadInstalled(dir, env);
    expect(installed.input.secrets['first_user.password']?.reveal()).toBe('first-user-password-1');
  });

  it('reads a secret given by a relative file from that file, wherever resume runs', async () => {
    const work = tempDir();
    const dir = join(work, 'server');
    writeFileSync(join(work, 'first-user-password'), 'first-user-password-2\n');
    const answers = writeStickypiAnswers(work, { extra: firstUser('{file: first-user-password}') });
    expect(runCli(['apply', '--answers', answers, '--dir', dir, '--yes', '--skip-bootstrap'], { env: EXAMPLE_ENV }).status).toBe(0);
    const installed = await loadInstalled(dir, {});
    expect(installed.input.secrets['first_user.password']?.reveal()).toBe('first-user-password-2');
  });
});
