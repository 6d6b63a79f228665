import { describe, expect, it, onTestFailed } from 'vitest';
import { formatEvent } from '../../src/core/run/format.js';
import type { RunEvent } from '../../src/core/run/events.js';
import { runPlainWizard, type PlainIo } from '../../src/ui/plain/index.js';
import type { TerminalInfo } from '../../src/ui/ports.js';
import { DIR, fakePorts, OUTCOME_OK, PLAN, RESUME, STEPS_OK, type FakePorts } from './fake-ports.js';
import { CTRL_C, ENTER, ScriptedTerminal } from './terminal.js';
import { LOCAL_DATA } from '../fixtures/wizard-answers.js';

const UNICODE: TerminalInfo = { unicode: true, color: false };

function session(ports: FakePorts = fakePorts(), terminal: TerminalInfo = UNICODE, extra: Partial<PlainIo> = {}) {
  const term = new ScriptedTerminal();
  const done = term.watch(runPlainWizard(ports, terminal, { input: term.input, output: term.output, ...extra }));
  // A wait that never matches ends at the test timeout: show what the wizard printed.
  onTestFailed(() => console.log(`The wizard printed:\n${term.text}`));
  return { term, ports, done };
}

const Q = {
  domain: '[1/15] Server: Domain name of the server?',
  email: "[2/15] Server: E-mail address of the server's administrator?",
  volume: "[3/15] Server: Folder for the server's data (database, certificates)?",
  devices: '[4/15] Capacity: How many Sticky Pi devices will upload to this server?',
  weeks: '[5/15] Capacity: How many weeks of images should the storage hold?',
  mode: '[6/15] Image storage (S3): Where should images be stored?',
  bucket: '[7/14] Image storage (S3): Name of the S3 bucket for images?',
  firstUser: '[14/14] First user: Create a first API user (for a device or a colleague) once the server is up? (yes/no)',
};

/** Answers the server questions, then local S3 (the 14-question path). */
async function toStorage(term: ScriptedTerminal) {
  await term.answer(Q.domain, `sticky.example.org${ENTER}`);
  await term.answer(Q.email, `admin@example.org${ENTER}`);
  await term.answer(Q.volume, ENTER);
  await term.answer(Q.devices, ENTER);
  await term.answer(Q.weeks, ENTER);
  await term.answer(Q.mode, `2${ENTER}`);
}

/** From the bucket question to the review: every default, every secret generated, no first user. */
async function fromBucketToReview(term: ScriptedTerminal) {
  await term.answer(Q.bucket, ENTER);
  for (let n = 8; n <= 13; n++) await term.answer(`[${n}/14]`, ENTER);
  await term.answer(Q.firstUser, ENTER);
  await term.waitFor('Review your answers');
}

async function applyFromReview(term: ScriptedTerminal) {
  await term.answer('What next?', ENTER);
  await term.answer('Apply?', `y${ENTER}`);
}

const lines = (text: string) => text.split('\n').map((l) => l.trimEnd());


describe('the plain wizard', () => {
  it('runs a fresh Sticky Pi setup from the first question to apply, line by line', async () => {
    const { term, ports, done } = session();
    await term.waitFor('Type ? for help on a question, < to go back to the previous one.');
    await toStorage(term);
    await fromBucketToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(0);

    expect(ports.previews).toEqual([LOCAL_DATA]);
    expect(ports.applied).toEqual([LOCAL_DATA]);
    expect(ports.signals[0]!.aborted).toBe(false);
    const out = lines(term.text);
    // The review: every answer with its key, secrets only as how they were given.
    expect(out).toContain('    domain:                 sticky.example.org');
    expect(out).toContain('    s3.mode:                Local S3 in a container (trials only)');
    expect(out).toContain('    secrets.api_key:        generated');
    expect(out).toContain('    first_user.create:      no');
    // The plan: files with status, the (masked) diffs, steps and notes.
    expect(out).toContain('Files: 2 new, 0 changed, 1 unchanged');
    expect(out).toContain('  new       .secret.env (secrets, mode 0600): Passwords and keys');
    expect(out).toContain("+SECRET_API_KEY='[masked:secrets.api_key]'");
    expect(out).toContain('  2. compose-up: Start the server');
    expect(out).toContain(`  - ${PLAN.notes[0]}`);
    // Progress: one formatEvent line per event, then the summary.
    const progress = term.raw.slice(term.raw.indexOf('Applying:'));
    expect(progress).not.toContain('\x1b'); // no cursor movement, no colour: plain lines only
    expect(progress).toContain(STEPS_OK.map((e) => `${formatEvent(e)}\n`).join(''));
    expect(out).toContain(`  - ${OUTCOME_OK.notes[0]}`);
    expect(out).toContain(`Your answers are saved in ${DIR}/.fieldstation/answers.yaml (secrets only as references).`);
  });

  it('prints a validation error and asks the same question again until the answer is right', async () => {
    const { term, ports, done } = session();
    await term.answer(Q.domain, `sticky.example.org${ENTER}`);
    await term.answer(Q.email, `admin@example.org${ENTER}`);
    await term.answer(Q.volume, ENTER);
    await term.answer(Q.devices, `many${ENTER}`);
    await term.waitFor('Not accepted: "many" is not a whole number');
    await term.answer(Q.devices, `0${ENTER}`);
    await term.waitFor('Not accepted: How many Sticky Pi devices will upload to this server: this is 0, outside 1–100000');
    await term.answer(Q.devices, `25${ENTER}`);
    await term.answer(Q.weeks, ENTER);
    await term.answer(Q.mode, `2${ENTER}`);
    await term.answer(Q.bucket, `sticky-pi-api-dev${ENTER}`);
    await term.waitFor("Not accepted: Name of the S3 bucket for images: this is the bucket upstream's API tests wipe; choose another name");
    await term.answer(Q.bucket, `field-images${ENTER}`);
    await term.answer('[8/14]', ENTER);
    for (let n = 9; n <= 13; n++) await term.answer(`[${n}/14]`, ENTER);
    await term.answer(Q.firstUser, `maybe${ENTER}`);
    await term.waitFor('Not accepted: answer yes or no');
    await term.answer(Q.firstUser, `no${ENTER}`);
    await applyFromReview(term);
    expect(await done).toBe(0);
    expect(ports.applied[0]).toMatchObject({ devices: 25, s3: { bucket: 'field-images' }, first_user: { create: false } });
  });

  it('prints the help for `?` and asks again, in typed questions and in lists', async () => {
    const { term, done } = session();
    await term.answer(Q.domain, `?${ENTER}`);
    await term.waitFor('Help for domain: The API answers at api.<domain> and the web app at webapp.<domain>.');
    await term.answer(Q.domain, `sticky.example.org${ENTER}`);
    await term.answer(Q.email, `admin@example.org${ENTER}`);
    await term.answer(Q.volume, ENTER);
    await term.answer(Q.devices, ENTER);
    await term.answer(Q.weeks, ENTER);
    await term.answer(Q.mode, `?${ENTER}`); // in a list, ? picks "? Show help"
    await term.waitFor('Help for s3.mode: Upstream recommends an external S3 provider.');
    await term.waitFor('  Local S3 in a container (trials only): localstack on this machine');
    await term.answer(Q.mode, `2${ENTER}`);
    await term.answer(Q.bucket, ENTER);
    await term.answer('[8/14] Image storage (S3): S3 access key?', `3${ENTER}`); // "? Show help" is the third item
    await term.waitFor('Help for s3.access_key: S3_ACCESS_KEY, issued by your provider (local S3: generated).');
    await term.waitFor('  Generated: 20 random characters (119 bits), kept on every later run.');
    await term.answer('[8/14] Image storage (S3): S3 access key?', ENTER);
    for (let n = 9; n <= 13; n++) await term.answer(`[${n}/14]`, ENTER);
    await term.answer(Q.firstUser, ENTER);
    await term.answer('What next?', `3${ENTER}`); // quit from the review
    expect(await done).toBe(130);
    expect(term.text).toContain('Quit: nothing was written.');
  });

  it('goes back with `<` to the previous question, keeping the answers as defaults', async () => {
    const { term, ports, done } = session();
    await term.answer(Q.domain, `<${ENTER}`);
    await term.waitFor('This is the first question: there is nothing before it.');
    await term.answer(Q.domain, `sticky.example.org${ENTER}`);
    await term.answer(Q.email, `admin@example.org${ENTER}`);
    await term.answer(Q.volume, `<${ENTER}`);
    await term.answer(`${Q.email} (admin@example.org)`, `<${ENTER}`);
    await term.answer(`${Q.domain} (sticky.example.org)`, ENTER); // Enter keeps it
    await term.answer(`${Q.email} (admin@example.org)`, ENTER);
    await term.answer(Q.volume, `/srv/sticky${ENTER}`);
    await term.answer(Q.devices, ENTER);
    await term.answer(Q.weeks, ENTER);
    await term.answer(Q.mode, `4${ENTER}`); // "< Back to the previous question"
    await term.answer(`${Q.weeks} (52)`, ENTER);
    await term.answer(Q.mode, `2${ENTER}`);
    await fromBucketToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(0);
    expect(ports.applied[0]).toEqual({ ...LOCAL_DATA, volume_root: '/srv/sticky' });
  });

  it('never prints a typed secret, and passes it to the plan and apply', async () => {
    const ACCESS = 'AKIAEXAMPLEKEY123';
    const PRIVATE = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';
    const ADMIN = 'correct-horse-battery';
    const { term, ports, done } = session();
    await term.answer(Q.domain, `sticky.example.org${ENTER}`);
    await term.answer(Q.email, `admin@example.org${ENTER}`);
    await term.answer(Q.volume, ENTER);
    await term.answer(Q.devices, ENTER);
    await term.answer(Q.weeks, ENTER);
    await term.answer(Q.mode, ENTER); // remote, the default
    await term.answer('[7/15] Image storage (S3): Host name of the S3 endpoint?', `s3.example-provider.com${ENTER}`);
    await term.answer('[8/15] Image storage (S3): Name of the S3 bucket for images?', ENTER);
    // Remote S3: the keys cannot be generated, so they are asked at once, hidden.
    await term.answer('[9/15] Image storage (S3): S3 access key? (hidden)', `short${ENTER}`);
    await term.waitFor('Not accepted: The value is');
    await term.answer('[9/15] Image storage (S3): S3 access key? (hidden)', `${ACCESS}${ENTER}`);
    await term.answer('[10/15] Image storage (S3): S3 secret (private) key? (hidden)', `${PRIVATE}${ENTER}`);
    await term.answer('[11/15]', ENTER);
    await term.answer('[12/15]', ENTER);
    await term.answer('[13/15] Passwords and keys: Password of the API\'s "admin" user?', `2${ENTER}`); // Type it
    await term.answer('Password of the API\'s "admin" user? (hidden; < to choose again)', `<${ENTER}`);
    await term.answer('[13/15] Passwords and keys: Password of the API\'s "admin" user?', `2${ENTER}`);
    await term.answer('Password of the API\'s "admin" user? (hidden; < to choose again)', `${ADMIN}${ENTER}`);
    await term.answer('[14/15]', ENTER);
    await term.answer('[15/15] First user:', ENTER);
    await term.waitFor('Review your answers');
    await applyFromReview(term);
    expect(await done).toBe(0);

    for (const secret of [ACCESS, PRIVATE, ADMIN, 'short']) expect(term.raw).not.toContain(secret);
    expect(lines(term.text)).toEqual(expect.arrayContaining(['    s3.access_key:          (typed, hidden)', '    secrets.admin_password: (typed, hidden)', '    secrets.api_key:        generated']));
    expect(ports.applied[0]).toMatchObject({ s3: { host: 's3.example-provider.com', access_key: ACCESS, private_key: PRIVATE }, secrets: { admin_password: ADMIN, api_key: { generate: true } } });
  });

  it('edits an answer from the review and asks only what the edit made necessary', async () => {
    const { term, ports, done } = session();
    await toStorage(term);
    await fromBucketToReview(term);
    await term.answer('What next?', `2${ENTER}`); // Edit an answer
    await term.answer('Which answer?', `6${ENTER}`); // s3.mode, the sixth answer
    await term.answer(Q.mode.replace('[6/15]', '[6/14]'), `1${ENTER}`); // now remote
    await term.answer('[7/15] Image storage (S3): Host name of the S3 endpoint?', `s3.example-provider.com${ENTER}`);
    // Generated keys are not allowed for remote S3: they are asked again, typed.
    await term.answer('[9/15] Image storage (S3): S3 access key? (hidden)', `AKIAEXAMPLEKEY123${ENTER}`);
    await term.answer('[10/15] Image storage (S3): S3 secret (private) key? (hidden)', `a-private-key-value${ENTER}`);
    await term.waitFor('Review your answers');
    await term.waitFor('    s3.mode:                An S3 provider (recommended)');
    await term.waitFor('    s3.host:                s3.example-provider.com');
    await applyFromReview(term);
    expect(await done).toBe(0);
    expect(ports.applied[0]).toMatchObject({ s3: { mode: 'remote', host: 's3.example-provider.com', bucket: 'sticky-pi-prod', access_key: 'AKIAEXAMPLEKEY123' } });
    // Nothing else was asked again.
    const afterEdit = term.text.slice(term.text.indexOf('Which answer?'));
    for (const other of ['Domain name of the server?', 'Name of the S3 bucket for images?', "Key that signs the API's login tokens?", 'Create a first API user']) expect(afterEdit).not.toContain(other);
  });

  it('shows the problems the plan found and goes back to the review', async () => {
    const ports = fakePorts({
      preview: (_data, call) =>
        call === 1 ? { ok: false, problems: [{ path: 's3.host', severity: 'error', message: "is the server's own domain", fix: "Give your S3 provider's endpoint host name." }] } : { ok: true, plan: PLAN },
    });
    const { term, done } = session(ports);
    await toStorage(term);
    await fromBucketToReview(term);
    await term.answer('What next?', ENTER);
    await term.waitFor('The answers cannot be used as they are:');
    await term.waitFor("  error   s3.host: is the server's own domain");
    await term.waitFor("          fix: Give your S3 provider's endpoint host name.");
    await term.waitFor('Review your answers');
    await term.answer('What next?', ENTER);
    await term.answer('Apply?', `n${ENTER}`);
    await term.waitFor('Not applied; back to the review.');
    await term.waitFor('Review your answers');
    await applyFromReview(term);
    expect(await done).toBe(0);
    expect(ports.previews).toHaveLength(3);
    expect(ports.applied).toHaveLength(1);
  });

  it('cancels on Ctrl-C at a prompt: exit 130, nothing written', async () => {
    const { term, ports, done } = session();
    await term.answer(Q.domain, `sticky.example.org${ENTER}`);
    await term.answer(Q.email, `admin@exa${CTRL_C}`);
    expect(await done).toBe(130);
    expect(lines(term.text)).toContain('Cancelled: nothing was written.');
    expect([ports.previews, ports.applied]).toEqual([[], []]);
  });

  it('cancels when the input ends at a prompt (the terminal went away), instead of waiting for ever', async () => {
    const { term, ports, done } = session();
    await term.answer(Q.domain, `sticky.example.org${ENTER}`);
    await term.waitFor(Q.email);
    term.input.end();
    expect(await done).toBe(130);
    expect(lines(term.text)).toContain('Cancelled: nothing was written.');
    expect(ports.previews).toEqual([]);
  });

  it('cancels at the final question too, before anything is applied', async () => {
    const { term, ports, done } = session();
    await toStorage(term);
    await fromBucketToReview(term);
    await term.answer('What next?', ENTER);
    await term.answer('Apply?', CTRL_C);
    expect(await done).toBe(130);
    expect(lines(term.text)).toContain('Cancelled: nothing was written.');
    expect(ports.applied).toEqual([]);
  });

  it('stops the running steps on Ctrl-C during apply and says how to resume', async () => {
    const started: RunEvent = { type: 'step-started', at: 'T', id: 'compose-up', title: 'Start the server', attempt: 1, attempts: 1 };
    const ports = fakePorts({
      apply: async ({ emit, signal }) => {
        emit(started);
        // The runner stops when its signal aborts; this one waits for exactly that.
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        emit({ type: 'step-interrupted', at: 'T', id: 'compose-up', title: 'Start the server' });
        emit({ type: 'run-finished', at: 'T', status: 'interrupted', seconds: 3, logPath: '/x.log' });
        return { status: 'interrupted', logPath: '/x.log', written: ['.env'], notes: [], resumeCommand: RESUME };
      },
    });
    const { term, done } = session(ports);
    await toStorage(term);
    await fromBucketToReview(term);
    await applyFromReview(term);
    await term.waitFor(formatEvent(started));
    term.input.write(CTRL_C);
    expect(await done).toBe(130);
    expect(ports.signals[0]!.aborted).toBe(true);
    const out = lines(term.text);
    expect(out).toEqual(expect.arrayContaining(['Ctrl-C: stopping the running steps...', 'STOP compose-up: Start the server: interrupted', 'Continue with:', `  ${RESUME}`]));
  });

  it("stops the running steps when the caller's signal aborts (SIGINT, SIGTERM, SIGHUP in the CLI)", async () => {
    const stopper = new AbortController();
    const ports = fakePorts({
      apply: async ({ signal }) => {
        stopper.abort('SIGHUP');
        expect(signal.aborted).toBe(true);
        return { status: 'interrupted', written: [], notes: [], resumeCommand: RESUME };
      },
    });
    const { term, done } = session(ports, UNICODE, { signal: stopper.signal });
    await toStorage(term);
    await fromBucketToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(130);
    expect(lines(term.text)).toContain('Stopped: stopping the running steps...');
  });

  it('prints the failed step, its last lines, the log and the resume command: exit 4', async () => {
    const ports = fakePorts({
      apply: async ({ emit }) => {
        emit({ type: 'step-failed', at: 'T', id: 'certbot', title: 'Request the certificate', seconds: 9, error: 'exited with code 1', tail: ['Challenge failed for domain sticky.example.org'] });
        return { status: 'failed', logPath: '/x.log', failed: { id: 'certbot', error: 'exited with code 1', tail: ['Challenge failed for domain sticky.example.org'] }, written: ['.env'], notes: [], resumeCommand: RESUME };
      },
    });
    const { term, done } = session(ports);
    await toStorage(term);
    await fromBucketToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(4);
    expect(lines(term.text)).toEqual(
      expect.arrayContaining(['FAIL certbot: Request the certificate (9 s): exited with code 1', 'Step certbot failed: exited with code 1', '  | Challenge failed for domain sticky.example.org', 'Full log: /x.log', `  ${RESUME}`]),
    );
  });

  it('exits 3 when apply refuses before writing (a preflight check)', async () => {
    const ports = fakePorts({ apply: async () => ({ status: 'refused', message: 'port 443 is in use', written: [], notes: [], resumeCommand: RESUME }) });
    const { term, done } = session(ports);
    await toStorage(term);
    await fromBucketToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(3);
    expect(lines(term.text)).toEqual(expect.arrayContaining(['Not applied: port 443 is in use', 'Nothing was written.']));
  });

  it('uses ASCII only when the terminal has no Unicode', async () => {
    const { term, done } = session(fakePorts(), { unicode: false, color: false });
    await term.answer(Q.domain, `sticky.example.org${ENTER}`);
    await term.answer(Q.email, `admin@example.org${ENTER}`);
    await term.answer(Q.volume, ENTER);
    await term.answer(Q.devices, `0${ENTER}`);
    await term.waitFor('this is 0, outside 1-100000'); // the catalogue's en dash, spelled in ASCII
    await term.answer(Q.devices, ENTER);
    await term.answer(Q.weeks, ENTER);
    await term.answer(Q.mode, `2${ENTER}`);
    await fromBucketToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(term.raw).toMatch(/^[\x00-\x7f]*$/);
  });
});

describe('the plain wizard on an installed server', () => {
  const INSTALLED = {
    kind: 'installed' as const,
    answers: { domain: 'sticky.example.org', admin_email: 'admin@example.org', volume_root: '/opt/sticky-pi-server', devices: 10, retention_weeks: 52, 's3.mode': 'local', 's3.bucket': 'sticky-pi-prod', 'first_user.create': false },
    secrets: { 's3.access_key': { kind: 'generate' as const }, 's3.private_key': { kind: 'generate' as const }, 'secrets.api_key': { kind: 'generate' as const }, 'secrets.mysql_password': { kind: 'generate' as const }, 'secrets.admin_password': { kind: 'generate' as const }, 'secrets.uid_password': { kind: 'generate' as const } },
  };

  it('offers resume when the last bootstrap did not finish, and resumes', async () => {
    const ports = fakePorts({ install: { ...INSTALLED, unfinished: { failedStep: 'certbot', updatedAt: '2026-11-23T09:00:00Z' } } });
    const { term, done } = session(ports);
    await term.waitFor('Its last bootstrap did not finish (it stopped at step certbot)');
    await term.answer('What do you want to do?', ENTER); // resume is the default
    expect(term.text).toContain('3. Rotate a secret (comes in a later version)');
    expect(await done).toBe(0);
    expect([ports.resumed, ports.applied.length]).toEqual([1, 0]);
    expect(term.text).toContain(`${formatEvent(STEPS_OK[0]!)}\n`);
  });

  it('reconfigures from the answers of the last apply, straight to the review', async () => {
    const ports = fakePorts({ install: { ...INSTALLED, unfinished: undefined } });
    const { term, done } = session(ports);
    await term.answer('What do you want to do?', ENTER);
    expect(term.text).toContain('1. Reconfigure');
    expect(term.text).not.toContain('Resume the unfinished bootstrap');
    await term.waitFor('Every answer is there from the last apply');
    await term.waitFor('    secrets.api_key:        generated');
    await term.answer('What next?', `2${ENTER}`);
    await term.answer('Which answer?', `10${ENTER}`); // secrets.api_key
    await term.answer("[10/14] Passwords and keys: Key that signs the API's login tokens?", ENTER);
    expect(term.text).toContain('1. Keep the generated one');
    await term.waitFor('Review your answers');
    await applyFromReview(term);
    expect(await done).toBe(0);
    expect(ports.applied).toEqual([LOCAL_DATA]);
  });

  it('quits without changing anything', async () => {
    const ports = fakePorts({ install: { ...INSTALLED, unfinished: undefined } });
    const { term, done } = session(ports);
    await term.answer('What do you want to do?', `3${ENTER}`); // Reconfigure, Rotate (not yet), Quit
    expect(await done).toBe(0);
    expect(lines(term.text)).toContain('Nothing was changed.');
    expect([ports.previews, ports.applied, ports.resumed]).toEqual([[], [], 0]);
  });
});
