import { expectedWords, type JsonExpectation } from '../../kit/steps/json-expectation.js';

// Judges a parsed JSON answer part by part, so a failing health gate can say which part is wrong and
// what to do about it, instead of one "not healthy".

/** A part that is not as expected: what was found, in words, and the expectation it fails. */
export interface PartFailure {
  readonly expectation: JsonExpectation;
  /** "is false", "is missing", "is another text": never a text from the answer (it may be a token). */
  readonly found: string;
}

const MISSING = Symbol('missing');

/** Every expectation the value fails, in the order given; not those that need a path that fails. */
export function failingParts(value: unknown, expectations: readonly JsonExpectation[]): PartFailure[] {
  const failures: PartFailure[] = [];
  for (const expectation of expectations) {
    const found = at(value, expectation.path);
    if (!meets(found, expectation)) failures.push({ expectation, found: foundWords(found, expectation) });
  }
  const failed = new Set(failures.map((f) => f.expectation.path));
  return failures.filter((f) => f.expectation.needs === undefined || !failed.has(f.expectation.needs));
}

/** The parts' names, each once, in order: "the database, GeoIP, Redis". */
export function partNames(expectations: readonly JsonExpectation[]): string {
  return [...new Set(expectations.map((e) => e.part))].join(', ');
}

/**
 * One line per failing part, its fix said once: "the GeoIP database: geoip.up is false, expected true;
 * geoip.age_in_days is -1, expected a number of at least 0. Fix: …". A part with two fixes gets two lines.
 */
export function failureLines(failures: readonly PartFailure[]): string[] {
  const groups = new Map<string, PartFailure[]>();
  for (const f of failures) {
    const key = JSON.stringify([f.expectation.part, f.expectation.fix]);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()].map((group) => {
    const { part, fix } = group[0]!.expectation;
    return `${part}: ${group.map((f) => `${f.expectation.path} ${f.found}, expected ${expectedWords(f.expectation)}`).join('; ')}. Fix: ${fix}`;
  });
}

function at(value: unknown, path: string): unknown {
  let here: unknown = value;
  for (const key of path.split('.')) {
    if (Array.isArray(here) && /^\d+$/.test(key)) {
      const index = Number(key);
      if (index >= here.length) return MISSING;
      here = here[index];
    } else if (here !== null && typeof here === 'object' && !Array.isArray(here) && Object.hasOwn(here, key)) {
      here = (here as Record<string, unknown>)[key];
    } else {
      return MISSING;
    }
  }
  return here;
}

function meets(found: unknown, e: JsonExpectation): boolean {
  if (found === MISSING) return false;
  if (e.equals !== undefined) return found === e.equals;
  const numeric = e.isNumber === true || e.atLeast !== undefined || e.atMost !== undefined;
  if (!numeric) return true;
  if (typeof found !== 'number' || !Number.isFinite(found)) return false;
  return (e.atLeast === undefined || found >= e.atLeast) && (e.atMost === undefined || found <= e.atMost);
}

/**
 * What was found, safe to print: numbers, true, false and null are a health check's facts (an
 * `up: null` says the check itself raised), but a text may be a token or a key, so it is only named.
 */
function foundWords(found: unknown, e: JsonExpectation): string {
  if (found === MISSING) return 'is missing';
  if (found === null || typeof found === 'boolean' || typeof found === 'number') return `is ${JSON.stringify(found)}`;
  if (typeof found === 'string') return typeof e.equals === 'string' ? 'is another text' : 'is a text';
  if (Array.isArray(found)) return 'is a list';
  return 'is an object';
}
