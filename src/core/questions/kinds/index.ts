import type { KindDefinition } from '../kind.js';
import type { Question, QuestionKind } from '../types.js';
import { boolean } from './boolean.js';
import { choice } from './choice.js';
import { device } from './device.js';
import { domain } from './domain.js';
import { email } from './email.js';
import { integer } from './integer.js';
import { path } from './path.js';
import { secret } from './secret.js';
import { text } from './text.js';

type Registry = { readonly [K in QuestionKind]: KindDefinition<Extract<Question, { kind: K }>> };

/** Every kind of question, by name. A new kind is a file beside these and a line here. */
const KINDS: Registry = { text, domain, email, path, device, boolean, integer, choice, secret };

/** The definition of a question's kind. */
export const kindOf = <Q extends Question>(q: Q): KindDefinition<Q> => KINDS[q.kind] as unknown as KindDefinition<Q>;
