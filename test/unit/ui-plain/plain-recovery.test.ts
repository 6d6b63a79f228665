import { localTime } from '../../../src/io/local-time.js';
import { describe, expect, it } from 'vitest';
import type { ChecksChoice } from '../../../src/core/session/flow.js';
import { KEEP_CURRENT } from '../../../src/core/wizard/machine.js';
import { CHECKS_REFUSED, DIR, filesWritten, outcome } from '../ui/beacon-run.js';
import type { ScriptedRun } from '../ui/scripted-session.js';
import { installed, KEPT, LOCAL_ANSWERS } from '../ui/wizard-answers.js';
import { applyFromReview, fromAlertsToReview, lines, plainSession, Q, toStorage } from './plain-session.js';
import { CTRL_C, ENTER } from './terminal.js';

/** The plain wizard when things go wrong: failed checks, a Ctrl-C with answers given, a draft, a reconfigure. */

const FILES_ONLY_HINTS = ['Fix what the checks found, then run the bootstrap with:', `fieldstation apply --answers ${DIR}/.fieldstation/answers.yaml --dir ${DIR}`, `or: fieldstation resume --dir ${DIR} (or \`fieldstation setup --dir ${DIR}\`, which offers it).`];

describe('failed machine checks in the plain wizard', () => {
  it('print every check as doctor does, what skipping breaks, and the choices; files only ends with the command for later', async () => {
    const decisions: ChecksChoice[] = [];
    const run = async (r: ScriptedRun) => {
      r.preflight(CHECKS_REFUSED);
      decisions.push(await r.checksFailed(CHECKS_REFUSED));
      r.filesWritten();
      r.finish(outcome({ status: 'written', files: filesWritten(), message: 'The machine\'s checks failed, so the bootstrap was not run: the files are written.', hints: FILES_ONLY_HINTS }));
    };
    const { term, script, done } = plainSession({ run });
    await toStorage(term);
    await fromAlertsToReview(term);
    await applyFromReview(term);
    // Every check once: the ones that need a look with their fixes as they come, then the rest.
    await term.waitFor('FAIL  clock: the clock says 1970: it is not set');
    await term.waitFor('      fix: Set it: `sudo timedatectl set-ntp true`.');
    await term.waitFor('The machine is not ready: clock failed. Nothing has been written, and every answer is kept.');
    await term.waitFor('  PASS  tool-sh: sh is /usr/bin/sh');
    await term.waitFor('  PASS  privileges: can write or create all 3 folders the steps use');
    await term.waitFor('  If you skip clock: every reading is stamped with the wrong time');
    expect(term.text.split('the clock says 1970').length).toBe(2);
    await term.waitFor('1. Check again');
    await term.waitFor('2. Skip clock and go on');
    await term.waitFor('3. Write the files only; run the bootstrap later');
    await term.answer('4. Back to the review', `3${ENTER}`);
    expect(await done).toBe(0);
    expect(decisions).toEqual([{ kind: 'files-only' }]);
    expect(lines(term.text)).toEqual(expect.arrayContaining(['The machine\'s checks failed, so the bootstrap was not run: the files are written.', `  fieldstation apply --answers ${DIR}/.fieldstation/answers.yaml --dir ${DIR}`]));
    expect(script.drafts).toEqual([]);
  });

  it('go back to the review with every answer', async () => {
    const decisions: ChecksChoice[] = [];
    const { term, script, done } = plainSession({ run: async (r) => void decisions.push(await r.checksFailed(CHECKS_REFUSED)) });
    await toStorage(term);
    await fromAlertsToReview(term);
    await applyFromReview(term);
    await term.answer('4. Back to the review', `4${ENTER}`);
    await term.waitFor('Back to the review; nothing was written.');
    await term.waitFor('    site.name:');
    await term.answer('What next?', `3${ENTER}`); // quit: the answers are kept as a draft
    expect(await done).toBe(0);
    expect(decisions).toEqual([{ kind: 'back' }]);
    expect(script.drafts).toHaveLength(1);
    expect(term.text).toContain(`Your answers so far are saved in ${DIR}/.fieldstation/draft.yaml (mode 0600).`);
  });
});

describe('answers given, then Ctrl-C', () => {
  it('are kept as a draft, and the wizard says where (and that no typed secret is in it)', async () => {
    const { term, script, done } = plainSession();
    await term.answer(Q.name, `north-ridge${ENTER}`);
    await term.answer(Q.domain, CTRL_C);
    expect(await done).toBe(130);
    expect(script.drafts).toEqual([{ stack: 'beacon', answers: { 'site.name': 'north-ridge' }, secrets: {} }]);
    expect(lines(term.text)).toEqual(expect.arrayContaining([
      'Cancelled: nothing was written.',
      `Your answers so far are saved in ${DIR}/.fieldstation/draft.yaml (mode 0600). No secret value is in it (none was typed; generated ones are made when you apply).`,
      `Run \`fieldstation setup --dir ${DIR}\` to continue them (or to discard them).`,
    ]));
  });
});

describe('a draft and a reconfigure in the plain wizard', () => {
  it('offers to continue the draft first, and continues at the first question it lacks', async () => {
    const draft = { savedAt: '2026-11-23T09:00:00.000Z', answers: { 'site.name': 'south-col', 'site.domain': 'south.example.org' }, secrets: {}, lost: [] };
    const { term, done } = plainSession({ install: { kind: 'fresh', draft } });
    await term.waitFor(`Answers you left unfinished are saved here (2 answers, ${localTime('2026-11-23T09:00:00.000Z')}).`);
    await term.waitFor('1. Continue where you left off');
    await term.answer('2. Discard them and start again', ENTER);
    await term.answer('[3/8] Site: Folder for the readings?', ENTER);
    await term.answer(Q.sensors, ENTER);
    await term.answer(Q.mode, `1${ENTER}`);
    await fromAlertsToReview(term);
    expect(term.text).toContain('    site.name:         south-col');
    await applyFromReview(term);
    expect(await done).toBe(0);
  });

  it('shows kept secrets as "keep current" and keeps one opened from the review', async () => {
    const { term, script, done } = plainSession({ install: installed(undefined, 'failed', KEPT) });
    await term.answer('What do you want to do?', ENTER);
    await term.waitFor('    secrets.token:     keep current');
    await term.answer('What next?', `2${ENTER}`);
    await term.answer('Which answer?', `7${ENTER}`); // secrets.token
    await term.waitFor('1. Keep the current one');
    await term.answer('2. Type a new one', ENTER);
    await term.waitFor('Review your answers');
    await applyFromReview(term);
    expect(await done).toBe(0);
    expect(script.installs).toEqual([{ ...LOCAL_ANSWERS, 'secrets.token': KEEP_CURRENT, 'secrets.vault_key': KEEP_CURRENT }]);
  });
});
