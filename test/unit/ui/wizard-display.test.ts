import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below.
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import { KEY, renderWizard } from './harness.js';
import { scriptedSession } from './scripted-session.js';

describe('the review', () => {
  it('names answers by their labels; Tab shows the answers-file keys, and that stays after a change', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter);
    await w.waitFor('Review');
    expect(w.frame()).toContain('  Readings folder  /srv/beacon\n');
    expect(w.frame()).not.toContain('data_root');
    await w.press(KEY.tab);
    expect(w.frame()).toContain('  data_root          /srv/beacon\n');
    expect(w.frame()).toContain('  secrets.vault_key  generated\n');
    expect(w.frame()).toContain('Tab labels');
    await w.press('d', 'a', KEY.enter); // type-ahead matches the keys too
    expect(w.frame()).toContain('Folder for the readings?');
    await w.press(KEY.enter);
    await w.waitFor('Review');
    expect(w.frame()).toContain('› data_root          /srv/beacon\n');
    await w.press('?');
    expect(w.frame()).toContain('› Readings folder  /srv/beacon\n');
  });
});
