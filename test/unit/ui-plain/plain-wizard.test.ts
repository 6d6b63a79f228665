import { describe, expect, it } from 'vitest';
import { formatEvent } from '../../../src/core/run/format.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { DIR, OUTCOME_OK, planFor, STEPS_OK } from '../ui/beacon-run.js';
import { LOCAL_ANSWERS } from '../ui/wizard-answers.js';
import { applyFromReview, fromAlertsToReview, GUIDE, lines, plainSession, Q, toStorage } from './plain-session.js';
import { CTRL_C, ENTER } from './terminal.js';

describe('the plain wizard', () => {
  it('runs a fresh Beacon setup from the first question to apply, line by line', async () => {
    const { term, script, done } = plainSession();
    await term.waitFor(GUIDE);
    await toStorage(term);
    await fromAlertsToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(0);

    expect(script.installs).toEqual([LOCAL_ANSWERS]);
    expect(script.confirms).toEqual([true]);
    expect(script.runs.map((r) => [r.kind, r.stopped])).toEqual([['install', false]]);
    const out = lines(term.text);
    // The review: every answer with its key, secrets only as how they were given.
    expect(out).toContain('    site.domain:       beacon.example.org');
    expect(out).toContain('    storage.mode:      On this machine');
    expect(out).toContain('    secrets.token:     generated');
    expect(out).toContain('    alerts:            no');
    // The plan: files with status, the (masked) diffs, steps and notes.
    expect(out).toContain('Files: 1 new, 1 changed, 0 unchanged');
    expect(out).toContain("  new       beacon.conf (secrets, mode 0600): the logger's settings and upload token");
    expect(out).toContain('+token = [masked:secrets.token]');
    expect(out).toContain(' VAULT_KEY=[masked:secrets.vault_key]');
    expect(out).toContain('  3. start: Logger started');
    expect(out).toContain(`  - ${planFor(beacon, LOCAL_ANSWERS).notes[0]}`);
    // Each answer after its prompt, on one line: the input is no terminal, so the wizard puts it there.
    expect(out).toContain(`${Q.name} > north-ridge`);
    expect(out).toContain(`${Q.sensors} [8] >`); // Enter alone: the default
    expect(out).toContain(`${Q.mode}`);
    expect(out).toContain('  2. Also in a remote archive: needs its URL and key');
    expect(out).toContain('[ok] On this machine');
    // Progress: the machine's checks, the files, one formatEvent line per event, then the summary.
    const progress = term.raw.slice(term.raw.indexOf('Applying:'));
    expect(term.raw).not.toContain('\x1b'); // no cursor movement, no colour, from the first prompt to the end
    expect(progress).toContain('Machine checks: 4 checks: 4 passed.\nWrote 2 file(s) (0 unchanged).\n');
    expect(progress).toContain(STEPS_OK.map((e) => `${formatEvent(e)}\n`).join(''));
    expect(out).toContain(`  - ${OUTCOME_OK.notes[0]}`);
    expect(out).toContain('  - Checked: the logger answers at https://beacon.example.org/health.');
    // Where things are: the credentials by file and key (never a value), the saved answers; then the next command.
    expect(out).toEqual(expect.arrayContaining([
      'Where things are:',
      `  - Credentials: ${DIR}/beacon.conf (token)`,
      `  - Credentials: ${DIR}/.env (VAULT_KEY)`,
      '  - The secret values are only in those files: never shown here, nor logged.',
      `  - Your answers: ${DIR}/.fieldstation/answers.yaml (secrets only as references)`,
      'To change an answer later (it starts from these):',
      `  fieldstation setup --dir ${DIR}`,
    ]));
  });

  it('takes answers typed ahead, in one go, as the answers to the next questions in order', async () => {
    const { term, script, done } = plainSession();
    // Three answers before the first prompt is even written: none is lost, each answers its own question.
    term.input.write(`north-ridge${ENTER}beacon.example.org${ENTER}/srv/readings${ENTER}`);
    await term.waitFor(`${Q.name} > north-ridge\n`);
    await term.waitFor(`${Q.domain} > beacon.example.org\n`);
    await term.waitFor(`${Q.root} [/srv/beacon] > /srv/readings\n`);
    await term.answer(`${Q.sensors} [8] > `, ENTER);
    await term.answer(Q.mode, `1${ENTER}`);
    await fromAlertsToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(0);
    expect(script.installs[0]).toEqual({ ...LOCAL_ANSWERS, data_root: '/srv/readings' });
  });

  it('prints a validation error and asks the same question again until the answer is right', async () => {
    const { term, script, done } = plainSession();
    await term.answer(Q.name, `North Ridge${ENTER}`);
    await term.answer(Q.name, `south-col${ENTER}`);
    await term.answer(Q.domain, `beacon.example.org${ENTER}`);
    await term.answer(Q.root, ENTER);
    await term.answer(Q.sensors, `many${ENTER}`);
    await term.answer(Q.sensors, `0${ENTER}`);
    await term.answer(Q.sensors, `25${ENTER}`);
    await term.answer(Q.mode, `7${ENTER}`);
    await term.answer('Type 1-2 [1] > ', `LOCAL${ENTER}`); // the number, or the choice's value (any case)
    await term.answer(Q.alerts, `maybe${ENTER}`);
    await term.answer(Q.alerts, `No${ENTER}`); // any case
    await term.answer(Q.token, ENTER);
    await term.answer(Q.vault, ENTER);
    await term.answer('What next?', ENTER);
    await term.answer('Apply?', `YES${ENTER}`);
    expect(await done).toBe(0);
    expect(script.installs[0]).toMatchObject({ 'site.name': 'south-col', sensors: 25, alerts: false });
    // Each refusal: the answer after its prompt, the problem on a line of its own saying what to type,
    // then the same prompt again; never a success mark before it.
    const out = lines(term.text);
    const after = (answer: string) => out.slice(out.indexOf(answer) + 1, out.indexOf(answer) + 3);
    expect(after(`${Q.name} > North Ridge`)).toEqual(['[!] This answer is "North Ridge", which is not 2-31 lower-case letters, digits or hyphens, starting with a letter', `${Q.name} > south-col`]);
    expect(after(`${Q.sensors} [8] > many`)).toEqual(['[!] "many" is not a whole number: type one from 1 to 500, in digits', `${Q.sensors} [8] > 0`]);
    expect(after(`${Q.sensors} [8] > 0`)).toEqual(['[!] This answer is 0, but it must be a whole number from 1 to 500', `${Q.sensors} [8] > 25`]);
    expect(after('Type 1-2 [1] > 7')).toEqual(['[!] "7" is not one of the choices: type a number from 1 to 2.', 'Type 1-2 [1] > LOCAL']);
    expect(after(`${Q.alerts} [no] > maybe`)).toEqual(['[!] "maybe" is not yes or no: type y or yes, n or no', `${Q.alerts} [no] > No`]);
    expect(out.filter((l) => l.startsWith('[ok]'))).toEqual(['[ok] On this machine', '[ok] Generate one for me', '[ok] Generate one for me']);
  });

  it('prints the help for `?` and asks again, in typed questions and in lists; Quit from the review exits 0', async () => {
    const { term, script, done } = plainSession();
    await term.answer(Q.name, `?${ENTER}`);
    await term.waitFor('Help for site.name: Shown on every reading.');
    await term.answer(Q.name, `north-ridge${ENTER}`);
    await term.answer(Q.domain, `beacon.example.org${ENTER}`);
    await term.answer(Q.root, ENTER);
    await term.answer(Q.sensors, ENTER);
    await term.answer(Q.mode, `?${ENTER}`); // a typed word in lists too, not an item
    await term.waitFor('Help for storage.mode: Here, or also copied to a remote archive.');
    await term.waitFor('  Also in a remote archive: needs its URL and key');
    await term.answer(Q.mode, `1${ENTER}`);
    await term.answer(Q.alerts, ENTER);
    await term.answer(Q.token, `?${ENTER}`);
    await term.waitFor('Help for secrets.token: Sensors send it with every upload.');
    await term.waitFor('  Generated: 24 random characters (142 bits), kept on every later run.');
    await term.answer(Q.token, ENTER);
    await term.answer(Q.vault, ENTER);
    await term.answer('What next?', `3${ENTER}`); // quit from the review: a menu's quit changes nothing
    expect(await done).toBe(0);
    expect(term.text).toContain('Quit: nothing was written.');
    expect([script.installs, script.runs, script.exits]).toEqual([[], [], [0]]);
  });

  it('goes back with `<` to the previous question, keeping the answers as defaults', async () => {
    const { term, script, done } = plainSession();
    await term.answer(Q.name, `<${ENTER}`);
    await term.waitFor('This is the first question: there is nothing before it.');
    await term.answer(Q.name, `north-ridge${ENTER}`);
    await term.answer(Q.domain, `beacon.example.org${ENTER}`);
    await term.answer(Q.root, `<${ENTER}`);
    await term.answer(`${Q.domain} [beacon.example.org]`, `<${ENTER}`);
    await term.answer(`${Q.name} [north-ridge]`, ENTER); // Enter keeps it
    await term.answer(`${Q.domain} [beacon.example.org]`, ENTER);
    await term.answer(Q.root, `/srv/readings${ENTER}`);
    await term.answer(Q.sensors, ENTER);
    await term.answer(Q.mode, `<${ENTER}`); // in a list too
    await term.answer(`${Q.sensors} [8]`, ENTER);
    await term.answer(Q.mode, `1${ENTER}`);
    await fromAlertsToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(0);
    expect(script.installs[0]).toEqual({ ...LOCAL_ANSWERS, data_root: '/srv/readings' });
  });

  it('never prints a typed secret, has it typed twice, and passes it to the plan and apply', async () => {
    const URL = 'https://archive.example.org/beacon';
    const ARCHIVE = 'ARCHIVEKEY-EXAMPLE-123';
    const TOKEN = 'correct-horse-battery-staple';
    const { term, script, done } = plainSession();
    await term.answer(Q.name, `north-ridge${ENTER}`);
    await term.answer(Q.domain, `beacon.example.org${ENTER}`);
    await term.answer(Q.root, ENTER);
    await term.answer(Q.sensors, ENTER);
    await term.answer(Q.mode, `2${ENTER}`); // a remote archive: its URL and key are asked too
    await term.answer('[6/10] Storage: URL of the remote archive?', `${URL}${ENTER}`);
    // The archive's key cannot be generated: it is asked at once, hidden.
    await term.answer('[7/10] Storage: Key of the remote archive? (hidden)', `q1w2e${ENTER}`);
    // Refused at once, before it is typed a second time.
    await term.waitFor('[!] The value is too short: it needs at least 8 characters and has 5\n[7/10] Storage: Key of the remote archive? (hidden) > ');
    term.input.write(`${ARCHIVE}${ENTER}`);
    await term.answer('Type it again to confirm (hidden; < to start over)', `${ARCHIVE}-TYPO${ENTER}`);
    // A mismatch says so and asks for both again.
    await term.waitFor('[!] The two entries differ: type the value again, then once more to confirm.\n[7/10] Storage: Key of the remote archive? (hidden) > ');
    term.input.write(`${ARCHIVE}${ENTER}`);
    await term.answer('Type it again to confirm', `${ARCHIVE}${ENTER}`);
    await term.waitFor('[ok] Both entries match; the value stays hidden.');
    await term.answer('[8/10] Alerts:', ENTER);
    await term.answer('[9/10] Keys: Upload token of the sensors?', `2${ENTER}`); // Type it
    await term.answer('Upload token of the sensors? (hidden; < to choose again)', `<${ENTER}`);
    await term.answer('[9/10] Keys: Upload token of the sensors?', `2${ENTER}`);
    await term.answer('Upload token of the sensors? (hidden; < to choose again)', `${TOKEN}${ENTER}`);
    await term.answer('Type it again to confirm', `<${ENTER}`); // starts over, without a word of mismatch
    await term.answer('Upload token of the sensors? (hidden; < to choose again)', `${TOKEN}${ENTER}`);
    await term.answer('Type it again to confirm', `${TOKEN}${ENTER}`);
    await term.answer('[10/10] Keys:', ENTER);
    await term.waitFor('Review your answers');
    await applyFromReview(term);
    expect(await done).toBe(0);

    for (const secret of [ARCHIVE, TOKEN, 'q1w2e', 'TYPO']) expect(term.raw).not.toContain(secret);
    expect(term.text.match(/The two entries differ/g)).toHaveLength(1);
    expect(lines(term.text)).toEqual(expect.arrayContaining(['    storage.key:       (typed, hidden)', '    secrets.token:     (typed, hidden)', '    secrets.vault_key: generated']));
    expect(script.installs[0]).toMatchObject({ 'storage.url': URL, 'storage.key': ARCHIVE, 'secrets.token': TOKEN, 'secrets.vault_key': { generate: true } });
  });

  it('edits an answer from the review and asks only what the edit made necessary', async () => {
    const { term, script, done } = plainSession();
    await toStorage(term);
    await fromAlertsToReview(term);
    await term.answer('What next?', `2${ENTER}`); // Edit an answer
    await term.answer('Which answer?', `5${ENTER}`); // storage.mode, the fifth answer
    await term.answer(Q.mode, `2${ENTER}`); // now remote
    // A remote archive needs its URL and key: they are asked, nothing else.
    await term.answer('[6/10] Storage: URL of the remote archive?', `https://archive.example.org/beacon${ENTER}`);
    await term.answer('[7/10] Storage: Key of the remote archive? (hidden)', `ARCHIVEKEY-EXAMPLE-123${ENTER}`);
    await term.answer('Type it again to confirm', `ARCHIVEKEY-EXAMPLE-123${ENTER}`);
    await term.waitFor('Review your answers');
    await term.waitFor('    storage.mode:      Also in a remote archive');
    await term.waitFor('    storage.url:       https://archive.example.org/beacon');
    await applyFromReview(term);
    expect(await done).toBe(0);
    expect(script.installs[0]).toMatchObject({ 'storage.mode': 'remote', 'storage.url': 'https://archive.example.org/beacon', 'storage.key': 'ARCHIVEKEY-EXAMPLE-123', data_root: '/srv/beacon', 'secrets.token': { generate: true } });
    // Nothing else was asked again.
    const afterEdit = term.text.slice(term.text.indexOf('Which answer?'));
    for (const other of ['Name of the field site?', 'Folder for the readings?', 'Send an alert', 'Upload token of the sensors?']) expect(afterEdit).not.toContain(other);
  });

  it('shows the problems the plan found and goes back to the review', async () => {
    const { term, script, done } = plainSession({
      plan: (answers, call) =>
        call === 1 ? [{ path: 'site.domain', severity: 'error', message: 'does not resolve to this machine', fix: 'Point an A record for beacon.example.org at this machine.' }] : planFor(beacon, answers),
    });
    await toStorage(term);
    await fromAlertsToReview(term);
    await term.answer('What next?', ENTER);
    await term.waitFor('The answers cannot be used as they are:');
    await term.waitFor('  error   site.domain: does not resolve to this machine');
    await term.waitFor('          fix: Point an A record for beacon.example.org at this machine.');
    await term.waitFor('Review your answers');
    await term.answer('What next?', ENTER);
    await term.answer('Apply?', `n${ENTER}`);
    await term.waitFor('Not applied; back to the review.');
    await term.waitFor('Review your answers');
    await applyFromReview(term);
    expect(await done).toBe(0);
    expect(script.installs).toHaveLength(3);
    expect(script.confirms).toEqual([false, true]);
    expect(script.runs).toHaveLength(1);
  });

  it('cancels on Ctrl-C at a prompt: exit 130, nothing written', async () => {
    const { term, script, done } = plainSession();
    await term.answer(Q.name, `north-ridge${ENTER}`);
    await term.answer(Q.domain, `beacon.exa${CTRL_C}`);
    expect(await done).toBe(130);
    expect(lines(term.text)).toContain('Cancelled: nothing was written.');
    expect([script.installs, script.runs, script.exits]).toEqual([[], [], [130]]);
  });

  it('cancels when the input ends at a prompt (the terminal went away), instead of waiting for ever', async () => {
    const { term, script, done } = plainSession();
    await term.answer(Q.name, `north-ridge${ENTER}`);
    await term.waitFor(Q.domain);
    term.input.end();
    expect(await done).toBe(130);
    expect(lines(term.text)).toContain('Cancelled: nothing was written.');
    expect(script.installs).toEqual([]);
  });

  it('cancels at the final question too, before anything is applied', async () => {
    const { term, script, done } = plainSession();
    await toStorage(term);
    await fromAlertsToReview(term);
    await term.answer('What next?', ENTER);
    await term.answer('Apply?', CTRL_C);
    expect(await done).toBe(130);
    expect(lines(term.text)).toContain('Cancelled: nothing was written.');
    expect(script.runs).toEqual([]);
  });

  it('uses ASCII only when the terminal has no Unicode', async () => {
    const { term, done } = plainSession({}, { unicode: false, color: false });
    await term.answer(Q.name, `zürich–ridge${ENTER}`);
    await term.waitFor('[!] This answer is "zurich-ridge", which is not'); // the answer quoted back, spelled in ASCII
    await term.answer(Q.name, `north-ridge${ENTER}`);
    await term.answer(Q.domain, `beacon.example.org${ENTER}`);
    await term.answer(Q.root, ENTER);
    await term.answer(Q.sensors, ENTER);
    await term.answer(Q.mode, `1${ENTER}`);
    await fromAlertsToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(term.raw).toMatch(/^[\x00-\x7f]*$/);
  });
});
