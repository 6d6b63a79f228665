import { asTyped, textProblem, type KindDefinition } from '../kind.js';
import type { QuestionBase } from '../types.js';
import { checkDevice } from '../validators.js';

/** A block device, chosen in the wizard from the machine's list (what each one is shown before anything). */
export type DeviceQuestion = QuestionBase<'device', string>;

export const device: KindDefinition<DeviceQuestion> = {
  kind: 'device',
  field: 'device',
  parse: asTyped,
  check: (raw) => textProblem(raw) ?? checkDevice(raw as string),
  expected: (q) => `Give a block device such as ${q.example ?? '/dev/sdb'}.`,
  schema: () => ({ type: 'string', pattern: '^/dev/' }),
  label: () => 'device',
};
