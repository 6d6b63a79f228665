import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../../../helpers/cli.js';
import { Terminal } from '../../../helpers/tmux.js';

/**
 * The participant codes fieldstation generates are shown once: at the end of the run that generated them,
 * in a real terminal (tmux), and never again; redirected output gets only the file's name.
 */
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

function setUp() {
  const work = tempDir();
  const answers = join(work, 'answers.yaml');
  writeFileSync(answers, ['version: 1', 'stack: emission', 'public_url: https://emission.example.org/', 'admin_email: admin@example.org', 'study: {config: my-study}', 'auth: {token_count: 3}', `data_dir: ${work}/data`, 'schedule: {with: cron}', ''].join('\n'));
  const host = join(work, 'host');
  const dir = join(work, 'emission');
  const apply = `env -u CI FIELDSTATION_TEST_HOST_ROOT=${host} ${process.execPath} ${BIN} apply --answers ${answers} --dir ${dir} --yes --skip-bootstrap`;
  return { work, dir, host, apply, codes: () => readFileSync(join(host, dir, 'participant-tokens.txt'), 'utf8').trim().split('\n') };
}

describe('participant codes', () => {
  it('are shown once in the terminal, after the run that generated them, and not by the next run', async () => {
    const t = setUp();
    terminal = new Terminal(`${t.apply}; echo FIRST-DONE; ${t.apply}; echo SECOND-DONE; sleep 30`, { env: { LANG: 'C.UTF-8', TERM: 'xterm-256color' }, cols: 120, rows: 60 });
    await terminal.waitFor('SECOND-DONE');
    const screen = terminal.screen({ history: true });
    const [first, second] = screen.split('FIRST-DONE');
    const codes = t.codes();
    expect(codes).toHaveLength(3);
    expect(first).toContain(`Participant codes, shown this once (they stay in ${t.dir}/participant-tokens.txt, mode 0600):`);
    for (const code of codes) {
      expect(first).toContain(`  ${code}`);
      // The re-run keeps the codes (read back from the file) and shows none of them.
      expect(second).not.toContain(code);
    }
    expect(second).not.toContain('shown this once');
  });
});

describe('participant codes in the wizard', () => {
  it('are shown once after the wizard has let go of the terminal (line mode)', async () => {
    const work = tempDir();
    const host = join(work, 'host');
    const dir = join(work, 'emission');
    terminal = new Terminal(`env -u CI FIELDSTATION_TEST_HOST_ROOT=${host} ${process.execPath} ${BIN} setup --stack emission --dir ${dir} --plain --skip-bootstrap; echo EXIT=$?; sleep 30`, {
      env: { LANG: 'C.UTF-8', TERM: 'xterm-256color' }, cols: 120, rows: 60,
    });
    const t = terminal;
    // Each question as asked (its text, then what is typed: '' takes the default).
    const answers: [string, string][] = [
      ['How should the server run?', ''], ['Server image (pinned tag)?', ''], ['Public URL the phones connect to?', 'https://emission.example.org/'],
      ['Where is MongoDB?', ''], ['MongoDB user?', ''], ['MongoDB password?', ''], ['Database name?', ''],
      ['Name of the study\'s deployment config?', 'my-study'], ['URL of the folder of deployment configs?', ''],
      ['How do participants sign in?', ''], ['How many participant codes should be generated?', '3'], ['Participant codes (one per line)?', ''],
      ['Who may call the aggregate', ''], ['How is HTTPS served?', ''], ['E-mail for Let\'s Encrypt expiry warnings?', 'admin@example.org'],
      ['Encrypt a separate disk', ''], ['Send push notifications', ''], ['Use Nominatim?', ''], ['Use Habitica?', ''],
      ['Folder for the server\'s data?', `${work}/data`], ['Folder for the logs?', ''], ['How often should the intake pipeline run?', ''],
      ['Worker processes for the pipeline?', ''], ['Run the scheduled jobs with?', ''], ['What next?', ''], ['Apply?', 'yes'],
    ];
    for (const [question, typed] of answers) {
      await t.waitFor(question);
      if (typed !== '') t.type(typed);
      t.keys('Enter');
    }
    await t.waitFor('EXIT=0');
    const screen = t.screen({ history: true });
    const codes = readFileSync(join(host, dir, 'participant-tokens.txt'), 'utf8').trim().split('\n');
    expect(codes).toHaveLength(3);
    const shown = screen.slice(screen.indexOf('Participant codes, shown this once'));
    for (const code of codes) expect(shown).toContain(`  ${code}`);
  });
});
