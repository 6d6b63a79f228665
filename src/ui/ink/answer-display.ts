import type { Question } from '../../core/questions/types.js';
import type { WizardState } from '../../core/wizard/machine.js';
import type { Glyphs } from './theme.js';

/** Shown for a typed secret: a fixed-length mask, so not even the length is on screen. */
export const maskedSecret = (glyphs: Glyphs): string => glyphs.mask.repeat(8);

/** A secret the install uses now and the wizard keeps as it is (it never holds its value). */
export const KEEP_CURRENT_WORDS = 'keep current';

/**
 * An answer as the review screen shows it: yes/no, a choice with its label, and a secret only as
 * "generated", "keep current" or a mask, never its value.
 */
export function displayAnswer(q: Question, s: WizardState, glyphs: Glyphs): string {
  if (q.kind === 'secret') {
    const choice = s.secrets[q.id];
    if (!choice) return '(not answered)';
    return choice.kind === 'generate' ? 'generated' : choice.kind === 'keep' ? KEEP_CURRENT_WORDS : maskedSecret(glyphs);
  }
  const a = s.answers[q.id];
  if (a === undefined) return '(not answered)';
  if (q.kind === 'boolean') return a === true ? 'yes' : 'no';
  if (q.kind === 'choice') {
    const label = q.choices.find((c) => c.value === a)?.label;
    return label === undefined ? String(a) : `${String(a)}: ${label}`;
  }
  return String(a);
}
