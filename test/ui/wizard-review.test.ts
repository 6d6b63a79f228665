import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below (ecosystem.md §4.2).
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import { fakePorts } from './fake-ports.js';
import { answerToReview, golden, KEY, renderWizard, type Wizard } from './harness.js';

const ACCESS_KEY = 'AKIA-TYPED-3x4mpl3-KEY';
const PRIVATE_KEY = 'pr1vate-TYPED-s3cr3t-value';

/** The questions' prompts shown from now on, in order, each once. */
function promptsSeen(w: Wizard, since: number): string[] {
  const seen: string[] = [];
  for (const f of w.frames().slice(since)) {
    const prompt = /\n\n([^\n]+\?)\n/u.exec(f)?.[1];
    if (prompt && seen[seen.length - 1] !== prompt) seen.push(prompt);
  }
  return seen;
}

describe('the review screen', () => {
  it('edits s3.mode and asks only the questions that became necessary, then returns to the review', async () => {
    const ports = fakePorts();
    const w = await renderWizard(ports);
    await answerToReview(w);
    await w.type('s3.m');
    expect(w.frame()).toContain('› s3.mode                 local: Local S3 in a container (trials only)');
    const before = w.frames().length;
    await w.press(KEY.enter);
    expect(w.frame()).toMatch(/Image storage \(S3\) · 6\/14 · changing an answer[\s\S]*› Local S3/u);
    await w.press(KEY.up, KEY.enter);
    expect(w.frame()).toContain('Host name of the S3 endpoint?');
    await w.press('s3.example-provider.com\r');
    // Remote keys cannot be generated: a masked field, straight away.
    expect(w.frame()).toMatch(/S3 access key\?\n›\n/u);
    await w.press(`${ACCESS_KEY}\r`, `${PRIVATE_KEY}\r`);
    await w.waitFor('Review: Enter on an answer changes it.');
    expect(promptsSeen(w, before)).toEqual(['Where should images be stored?', 'Host name of the S3 endpoint?', 'S3 access key?', 'S3 secret (private) key?']);
    // Back on the answer that was changed, with what it brought.
    expect(w.frame()).toContain('› s3.mode                 remote: An S3 provider (recommended)');
    expect(w.frame()).toContain('  s3.host                 s3.example-provider.com');
    expect(w.frame()).toContain('  s3.access_key           ••••••••');

    await w.press(KEY.end, KEY.enter);
    await w.waitFor('Plan · Sticky Pi');
    expect(ports.previews[0]).toMatchObject({ s3: { mode: 'remote', host: 's3.example-provider.com', bucket: 'sticky-pi-prod', access_key: ACCESS_KEY, private_key: PRIVATE_KEY } });
  });

  it('leaves a change with Esc: back through its questions, then to the review as it was', async () => {
    const w = await renderWizard(fakePorts());
    await answerToReview(w);
    await w.press(KEY.home, KEY.enter);
    expect(w.frame()).toContain('Domain name of the server?');
    await w.press(KEY.esc);
    expect(w.frame()).toContain('› domain                  sticky.example.org');

    await w.type('s3.m');
    await w.press(KEY.enter, KEY.up, KEY.enter);
    expect(w.frame()).toContain('Host name of the S3 endpoint?');
    await w.press(KEY.esc);
    expect(w.frame()).toMatch(/changing an answer[\s\S]*› An S3 provider/u);
    await w.press(KEY.esc);
    expect(w.frame()).toContain('Review: Enter on an answer changes it.');
    expect(w.frame()).toContain('s3.mode                 local: Local S3');
    expect(w.frame()).not.toContain('s3.host');
  });

  it('never shows a typed secret: masked while typed, "••••••••" in the review', async () => {
    const ports = fakePorts();
    const w = await renderWizard(ports);
    await w.press('sticky.example.org\r', 'admin@example.org\r', KEY.enter, KEY.enter, KEY.enter, KEY.enter);
    await w.press('s3.example-provider.com\r', KEY.enter);
    expect(w.frame()).toContain('S3 access key?');
    await w.type(ACCESS_KEY.slice(0, 8));
    expect(w.frame()).toContain(`› ${'•'.repeat(8)}`);
    golden('question-secret-typed', w.frame());
    await w.type(ACCESS_KEY.slice(8));
    await w.press(KEY.enter);
    // Too short: the machine's problem says so without the value.
    await w.press('short\r');
    expect(w.frame()).toMatch(/✗ The value is 5 characters long; it must have at least 8/u);
    await w.press(KEY.ctrlU, `${PRIVATE_KEY}\r`);
    // A generatable secret can be typed too.
    await w.press(KEY.down, KEY.enter, 'a-typed-api-key-that-is-long-enough-0123456789\r');
    for (let i = 0; i < 3; i++) await w.press(KEY.enter);
    await w.press(KEY.enter);
    await w.waitFor('Review');
    expect(w.frame()).toContain('  secrets.api_key         ••••••••');
    await w.press(KEY.enter);
    await w.waitFor('Plan');
    for (const frame of w.frames()) {
      for (const secret of [ACCESS_KEY, PRIVATE_KEY, 'short', 'a-typed-api-key']) expect(frame).not.toContain(secret);
    }
  });

  it('lists the problems the checks found (key, what is wrong, the fix) and stays', async () => {
    const ports = fakePorts({
      preview: () => ({
        ok: false,
        problems: [
          { path: 's3.host', severity: 'error', message: 'is the server\'s own domain', fix: 'Give your S3 provider\'s endpoint host name.' },
          { path: 's3.mode', severity: 'warning', message: 'is local: uploads will fail until you add a TLS route' },
        ],
      }),
    });
    const w = await renderWizard(ports);
    await answerToReview(w);
    await w.press(KEY.enter);
    await w.waitFor('error');
    expect(w.frame()).toContain('✗ error   s3.host: is the server\'s own domain\n          fix: Give your S3 provider\'s endpoint host name.');
    expect(w.frame()).toContain('! warning s3.mode: is local');
    expect(w.frame()).toContain('Review: Enter on an answer changes it.');
    golden('review-problems', w.frame());
    // Changing an answer clears them; they come back only from the next check.
    await w.press(KEY.home, KEY.enter, KEY.enter);
    expect(w.frame()).not.toContain('error');
  });
});

describe('the plan screen', () => {
  async function atPlan(): Promise<Wizard> {
    const w = await renderWizard(fakePorts());
    await answerToReview(w);
    await w.press(KEY.enter);
    await w.waitFor('Plan · Sticky Pi');
    return w;
  }

  it('scrolls the highlighted file\'s diff with PgUp/PgDn, and shows it full height with Enter', async () => {
    const w = await atPlan();
    expect(w.frame()).toContain('── .env · new · lines 1-11 of 27 ─');
    await w.press(KEY.pageDown);
    expect(w.frame()).toContain('lines 12-22 of 27');
    expect(w.frame()).toContain('+SETTING_06=');
    await w.press(KEY.pageDown, KEY.pageDown);
    expect(w.frame()).toContain('lines 17-27 of 27');
    await w.press(KEY.pageUp);
    expect(w.frame()).toContain('lines 6-16 of 27');

    await w.press(KEY.enter);
    expect(w.frame()).toMatch(/^── \.env · new · lines 6-26 of 27/u);
    golden('plan-diff-full', w.frame());
    await w.press(KEY.down);
    expect(w.frame()).toContain('lines 7-27 of 27');
    await w.press(KEY.home);
    expect(w.frame()).toContain('lines 1-21 of 27');
    await w.press(KEY.esc);
    expect(w.frame()).toContain('Plan · Sticky Pi');
  });

  it('shows the changed file\'s diff, the steps and the notes as the highlight moves', async () => {
    const w = await atPlan();
    await w.press(KEY.down);
    expect(w.frame()).toMatch(/── \.prod\.env · changed · 4 lines ─+\n@@ -1,2 \+1,2 @@\n-DOMAIN='old\.example\.org'\n\+DOMAIN='sticky\.example\.org'/u);
    await w.press(KEY.down);
    expect(w.frame()).toContain('── .secret.env · new (secret, masked) · 3 lines');
    expect(w.frame()).toContain('+S3_ACCESS_KEY=[masked:s3.access_key]');
    await w.press(KEY.down, KEY.down);
    expect(w.frame()).toContain(' 1. Data folders created (volumes)');
    await w.press(KEY.down);
    expect(w.frame()).toMatch(/! warning s3\.mode: is local/u);
    golden('plan-notes', w.frame());
  });

  it('goes back to the review with Esc or "Back to review"', async () => {
    const w = await atPlan();
    await w.press(KEY.esc);
    expect(w.frame()).toContain('Review: Enter on an answer changes it.');
    await w.press(KEY.enter);
    await w.waitFor('Plan · Sticky Pi');
    await w.press(KEY.end, KEY.enter);
    expect(w.frame()).toContain('Review: Enter on an answer changes it.');
  });
});
