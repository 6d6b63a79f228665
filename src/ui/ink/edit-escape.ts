import { visibleQuestions, type WizardEvent, type WizardState } from '../../core/wizard/machine.js';

/**
 * Esc while changing an answer from the review screen: back through the questions answered during this
 * change (kept as answered), and from the changed question itself back to the review screen as it was
 * before the change ('restore'). `before` is the state on the review screen when the change started.
 * The machine's own 'back' would leave the change and walk the whole questionnaire from there.
 */
export function escapeFromEdit(before: WizardState, now: WizardState): WizardEvent | 'restore' {
  const trail = now.history.slice(before.history.length);
  const at = now.current === undefined ? -1 : trail.lastIndexOf(now.current);
  const visible = new Set(visibleQuestions(now.questions, now.answers).map((q) => q.id));
  const earlier = (at >= 0 ? trail.slice(0, at) : trail).filter((id) => id !== now.current && visible.has(id));
  const previous = earlier[earlier.length - 1];
  return previous === undefined ? 'restore' : { type: 'edit', id: previous };
}
