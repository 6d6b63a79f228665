import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Before ink (and its chalk) are imported: Ink not in CI mode, and colours on (vitest.config.ts turns
  // them off for every other test).
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
  process.env['FORCE_COLOR'] = '1';
});
import { KEY, renderWizard } from './harness.js';
import { scriptedSession } from './scripted-session.js';

describe('colour', () => {
  it('only repeats what the text says: the same words and glyphs with colours on or off', async () => {
    const coloured = await renderWizard(scriptedSession(), { color: true });
    const uncoloured = await renderWizard(scriptedSession(), { color: false });
    for (const w of [coloured, uncoloured]) await w.press('north-ridge\r', 'Not A Domain', KEY.enter);
    // The problem is red, and says so in words with a glyph.
    expect(coloured.rawFrame()).toContain('\u001B[31m✗');
    expect(coloured.frame()).toContain('✗ This answer contains white space');
    expect(coloured.frame()).toBe(uncoloured.frame());
    for (const code of ['31', '32', '33', '36', '90']) expect(uncoloured.rawFrame()).not.toContain(`\u001B[${code}m`);
  });
});
