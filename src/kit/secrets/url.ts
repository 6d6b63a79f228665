import type { ForbiddenCharacters } from '../../core/questions/kinds/secret.js';

/**
 * For a password that upstream writes unescaped into a database URL (`scheme://user:password@host/db`):
 * there `@` ends the password, `/ : ? #` start other parts and `%` starts an escape, so the server cannot
 * log in with such a value although every file carries it. Letters, digits and `- _ . ~` (RFC 3986's
 * unreserved characters) mean themselves everywhere in a URL; the generated alphabets use only those.
 * Any server whose upstream builds such a URL uses this rule with its scheme (e.g. mysql+pymysql, mongodb).
 */
export const unescapedInUrl = (scheme: string): ForbiddenCharacters => ({
  characters: '@/:#?%',
  because: `upstream puts unescaped into a ${scheme}:// URL`,
  safe: 'letters, digits and - _ . ~',
});
