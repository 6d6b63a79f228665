import { describe, expect, it } from 'vitest';
import type { Question } from '../../../src/core/questions/types.js';
import { summaryLines } from '../../../src/ui/plain/text.js';
import { summaryDetails, type SummaryFacts } from '../../../src/ui/summary.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { ANSWERS, DIR, filesWritten, outcome, PURGE_QUESTION, RESUME, WIPE_QUESTION } from '../ui/beacon-run.js';
import { LOCAL_ANSWERS } from '../ui/wizard-answers.js';

/**
 * The end of a run, as both frontends word it (src/ui/summary.ts): where the credentials, backups and
 * answers are, what was left out, and the next command. Beacon, with two questions of the test's own:
 * a yes/no that asks more when yes (as Sticky Pi's first user does) and a secret no file keeps.
 */
const gate: Question = { id: 'relay.enabled', kind: 'boolean', section: 'Relay', prompt: 'Forward readings to a relay?', help: 'A second copy elsewhere.', default: false, formats: [] };
const relayKey: Question = {
  id: 'relay.password', kind: 'secret', section: 'Relay', prompt: 'Password of the relay?', help: 'Kept by the relay.', when: (a) => a['relay.enabled'] === true,
  secret: { minLength: 8, lifecycle: { kind: 'rotatable' } }, formats: [],
};
const facts = (answers: Record<string, string | number | boolean>): SummaryFacts => ({ questions: [...beacon.questions, gate, relayKey], answers: { ...LOCAL_ANSWERS, ...answers } as SummaryFacts['answers'] });
const BACKUPS = `${DIR}/.fieldstation/backups/2026-11-23T10-00-00Z`;

describe('the summary', () => {
  it('says which destructive step a stopped run did not confirm, what was left untouched, and that resuming asks again', () => {
    const stopped = outcome({ status: 'interrupted' });
    expect(summaryDetails(stopped, DIR, { ...facts({}), declined: WIPE_QUESTION }).stopped).toBe('Step vault-format (Vault disk formatted) was not run: its device path was not typed back, so the bootstrap stopped before it and nothing on /dev/vdb was touched. Resuming asks again.');
    expect(summaryDetails(stopped, DIR, { ...facts({}), declined: PURGE_QUESTION }).stopped).toBe('Step purge (Old readings deleted) was not run: it was not confirmed, so the bootstrap stopped before it and nothing of it was done. Resuming asks again.');
    expect(summaryLines(stopped, DIR, { ...facts({}), declined: PURGE_QUESTION })).toEqual(expect.arrayContaining(['Step purge (Old readings deleted) was not run: it was not confirmed, so the bootstrap stopped before it and nothing of it was done. Resuming asks again.', 'Continue with:', `  ${RESUME}`]));
    // A run stopped by Ctrl-C says nothing of the kind.
    expect(summaryDetails(stopped, DIR, facts({})).stopped).toBeUndefined();
  });

  it('says which file holds which credential (key names, never values), where the backups and answers went, and what to run next', () => {
    const done = outcome({ status: 'succeeded', answersPath: ANSWERS, files: { ...filesWritten(), backupDir: BACKUPS } });
    const details = summaryDetails(done, DIR, facts({ 'relay.enabled': false }));
    expect(details.where).toEqual([
      `Credentials: ${DIR}/beacon.conf (token)`,
      `Credentials: ${DIR}/.env (VAULT_KEY)`,
      'The secret values are only in those files: never shown here, nor logged.',
      `Backups: the previous version of each file it replaced is in ${BACKUPS}`,
      `Your answers: ${ANSWERS} (secrets only as references)`,
    ]);
    expect(details.next).toEqual({ why: 'To change an answer later (it starts from these)', command: `fieldstation setup --dir ${DIR}` });
  });

  it('names a yes/no answered no that left something out, with how to do it later; a no that changes nothing is no skip', () => {
    const details = summaryDetails(outcome({ status: 'succeeded', files: filesWritten() }), DIR, facts({ 'relay.enabled': false, alerts: false }));
    expect(details.skipped).toEqual([`Forward readings to a relay? No (relay.enabled). To do it later, run \`fieldstation setup --dir ${DIR}\` again and answer yes.`]);
    // Answered yes: nothing skipped, and its secret, which no file keeps, is said to be the person's to keep.
    const relayed = summaryDetails(outcome({ status: 'succeeded', files: filesWritten() }), DIR, facts({ 'relay.enabled': true }));
    expect(relayed.skipped).toEqual([]);
    expect(relayed.where).toContain('Not kept in any file: relay.password; keep your own copy');
  });

  it('says the bootstrap was skipped when only the files were written, and gives the command that runs it', () => {
    const lines = summaryLines(outcome({ status: 'written', answersPath: ANSWERS, files: filesWritten() }), DIR, facts({ 'relay.enabled': true }));
    expect(lines).toEqual(expect.arrayContaining(['Skipped:', '  - The bootstrap (files only, as asked): no step ran, nothing was started.', 'To run the bootstrap (the files stay as they are):', `  fieldstation apply --answers ${ANSWERS} --dir ${DIR}`]));
  });

  it('keeps the resume command for a failed run, and says nothing of credentials when nothing was written', () => {
    const failed = summaryLines(outcome({ status: 'failed', files: filesWritten(), failed: { id: 'start', error: 'exit code 1', tail: [] } }), DIR, facts({}));
    expect(failed.slice(-4)).toEqual([`  - Credentials: ${DIR}/.env (VAULT_KEY)`, '  - The secret values are only in those files: never shown here, nor logged.', 'Fix the cause, then continue where it stopped:', `  ${RESUME}`]);
    // Stopped before writing: no file holds anything yet.
    const { logPath: _none, ...stopped } = outcome({ status: 'interrupted', message: 'Stopped before anything was written.' });
    expect(summaryDetails(stopped, DIR, facts({})).where).toEqual([]);
    expect(summaryDetails(outcome({ status: 'refused', message: 'preflight failed' }), DIR, facts({}))).toEqual({ where: [], skipped: [] });
  });
});
