import type { Question } from '../../core/questions/types.js';
import type { WizardState } from '../../core/wizard/machine.js';
import type { Glyphs } from './theme.js';

/** Shown for a typed secret: a fixed-length mask, so not even the length is on screen. */
export const maskedSecret = (glyphs: Glyphs): string => glyphs.mask.repeat(8);

/**
 * An answer as the review screen shows it: yes/no, a choice with its label, and a secret only as
 * "generated" or a mask, never its value.
 */
export function displayAnswer(q: Question, s: WizardState, glyphs: Glyphs): string {
  if (q.kind === 'secret') {
    const choice = s.secrets[q.id];
    if (!choice) return '(not answered)';
    return choice.kind === 'generate' ? 'generated' : maskedSecret(glyphs);
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
