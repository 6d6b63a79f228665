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
  // One pass over the text whatever the number of values (a list of codes is dozens): an alternation
  // tries the longer forms first at each position, so a secret containing another is masked whole.
  const maskOf = new Map(forms.map((f) => [f.text, f.mask]));
  const pattern = new RegExp(forms.map((f) => f.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (text) => text.replace(pattern, (found) => maskOf.get(found)!);
}
