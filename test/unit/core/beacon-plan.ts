import type { Problem } from '../../../src/core/errors.js';
import { buildPlan, renderFiles, type CurrentFile, type Plan } from '../../../src/core/plan/plan.js';
import { planView, type PlanView } from '../../../src/core/plan/view.js';
import type { AnswerValue } from '../../../src/core/questions/types.js';
import { createRenderer, type TemplateSpec } from '../../../src/core/render/engine.js';
import { createMasker, type KnownSecret } from '../../../src/core/secrets/mask.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import type { StackInput } from '../../../src/core/stack.js';
import { stepKinds } from '../../../src/core/steps/kind.js';
import { loadTemplates } from '../../../src/io/templates.js';
import { beacon, beaconEntry } from '../../fixtures/stacks/beacon/index.js';
import { DIR, LOCAL_ANSWERS as ANSWERS } from './beacon.js';

/**
 * Beacon's plan as the install service makes it, from plain values: its templates compiled from its own
 * folder, every secret (new and previous) masked, its steps described by its own step kinds.
 */

export { DIR, ANSWERS };
export const TOKEN = 'new-upload-token-0123456789';
export const VAULT = 'vault-key-0123456789-0123456789-abcdef';

let templates: Promise<Record<string, TemplateSpec>> | undefined;
/** Beacon's templates, compiled once for the file. */
export const beaconTemplates = () => (templates ??= loadTemplates(beacon, beaconEntry.templatesDir!));

export interface BeaconPlan {
  readonly input: StackInput;
  readonly rendered: ReadonlyMap<string, string>;
  readonly plan: Plan;
  readonly view: PlanView;
}

export async function beaconPlan(options: {
  answers?: Readonly<Record<string, AnswerValue>>;
  secrets?: Readonly<Record<string, string>>;
  previous?: Readonly<Record<string, string>>;
  current?: Readonly<Record<string, CurrentFile>>;
  warnings?: readonly Problem[];
  generated?: readonly string[];
} = {}): Promise<BeaconPlan> {
  const values = options.secrets ?? { 'secrets.token': TOKEN, 'secrets.vault_key': VAULT };
  const secrets = Object.fromEntries(Object.entries(values).map(([id, v]) => [id, new Secret(id, v)]));
  const previous = Object.fromEntries(Object.entries(options.previous ?? {}).map(([id, v]) => [id, new Secret(id, v)]));
  const known: KnownSecret[] = [
    ...Object.entries(values).map(([id, value]) => ({ id, value })),
    ...Object.entries(options.previous ?? {}).map(([id, value]) => ({ id: `${id} (previous)`, value })),
  ];
  const mask = createMasker(known);
  const input: StackInput = { answers: options.answers ?? ANSWERS, secrets, previous, dir: DIR };
  const rendered = renderFiles(beacon, input, await beaconTemplates(), createRenderer());
  const plan = buildPlan({
    stack: beacon,
    input,
    steps: beacon.steps(input),
    rendered,
    current: new Map(Object.entries(options.current ?? {})),
    mask,
    warnings: options.warnings ?? [],
  });
  return { input, rendered, plan, view: planView(plan, stepKinds(beacon.stepKinds), mask, options.generated ?? []) };
}
