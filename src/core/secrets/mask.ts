import { maskFor } from './secret.js';

export interface KnownSecret {
  readonly id: string;
  readonly value: string;
}

/** Values shorter than this are not masked: they would shred ordinary text. Secrets are validated longer. */
export const MIN_MASKABLE_LENGTH = 4;

/**
 * Builds a function that replaces every known secret value in a text by its mask. Besides the raw value it
 * masks the forms a value takes inside the files and messages we produce: JSON-escaped, URL-encoded and
 * single-quote-escaped. Longer values are replaced first, so a secret containing another is masked whole.
 */
export function createMasker(secrets: readonly KnownSecret[]): (text: string) => string {
  const forms: { text: string; mask: string }[] = [];
  const seen = new Set<string>();
  // A secret of several lines (a list of sign-in codes) is shown line by line in diffs: each line is masked too.
  const parts = secrets.flatMap(({ id, value }) => [{ id, value }, ...(value.includes('\n') ? value.split('\n').map((line) => ({ id, value: line.trim() })) : [])]);
  for (const { id, value } of parts) {
    if (value.length < MIN_MASKABLE_LENGTH) continue;
    const mask = maskFor(id);
    for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
      if (form.length >= MIN_MASKABLE_LENGTH && !seen.has(form)) {
        seen.add(form);
        forms.push({ text: form, mask });
      }
    }
  }
  forms.sort((a, b) => b.text.length - a.text.length);
  if (forms.length === 0) return (text) => text;
  // Forms grouped by their first characters: a list of sign-in codes shares one long prefix, so a text
  // without it (most step lines and diffs) is searched once for the group, not once for each code.
  const groups = new Map<string, number[]>();
  forms.forEach((f, i) => {
    const key = f.text.slice(0, MIN_MASKABLE_LENGTH);
    const members = groups.get(key);
    if (members) members.push(i);
    else groups.set(key, [i]);
  });
  return (text) => maskForms(text, forms, groups);
}

/**
 * Replaces each form found in `text`, as a regular expression alternation of them would: at the leftmost
 * place where any form starts, the longest one, then on after it. Each form is looked for with indexOf
 * (a string search in V8's C++), not one alternation of them all: a plan masks every diff, step line and
 * note, and the alternation of fifty sign-in codes cost milliseconds there (measured).
 */
function maskForms(text: string, forms: readonly { text: string; mask: string }[], groups: ReadonlyMap<string, readonly number[]>): string {
  // Found places, as [start, form index] pairs; forms are longest first, so the index orders ties.
  const starts: number[] = [];
  const which: number[] = [];
  for (const [prefix, members] of groups) {
    if (!text.includes(prefix)) continue;
    for (const f of members) {
      const form = forms[f]!.text;
      for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
        starts.push(at);
        which.push(f);
      }
    }
  }
  if (starts.length === 0) return text;
  const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]! || which[a]! - which[b]!);
  let out = '';
  let done = 0;
  for (const i of order) {
    if (starts[i]! < done) continue;
    const form = forms[which[i]!]!;
    out += text.slice(done, starts[i]) + form.mask;
    done = starts[i]! + form.text.length;
  }
  return out + text.slice(done);
}
