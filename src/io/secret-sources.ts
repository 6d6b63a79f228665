import { isAbsolute, resolve } from 'node:path';
import type { SecretSource } from '../core/answers/secret-source.js';
import { decodeUtf8, REPLACEMENT } from '../core/answers/utf8.js';
import { readBytes } from './files.js';

export type SecretRead = { readonly value: string } | { readonly problem: string; readonly fix: string };

/**
 * Reads a secret from where the answers file says it is. Generated secrets are not read here.
 * A file's single trailing newline is dropped (editors add one); anything else is kept as is.
 */
export async function readSecretSource(source: Exclude<SecretSource, { kind: 'generate' }>, ctx: { env: Readonly<Record<string, string | undefined>>; baseDir: string }): Promise<SecretRead> {
  switch (source.kind) {
    case 'literal':
      return { value: source.value };
    case 'env': {
      const value = ctx.env[source.name];
      if (value === undefined || value === '') return { problem: `comes from the environment variable ${source.name}, which is not set`, fix: `Set ${source.name} before running, e.g. read -rs ${source.name} && export ${source.name}.` };
      // Node decodes the environment itself, turning bytes that are not UTF-8 into U+FFFD: all that is left to see.
      if (value.includes(REPLACEMENT)) return { problem: `comes from the environment variable ${source.name}, which is not valid UTF-8 (or holds U+FFFD)`, fix: `Set ${source.name} to the secret as UTF-8 text (check the terminal's or the file's encoding), or give it with {file: /path}.` };
      return { value };
    }
    case 'file': {
      const path = isAbsolute(source.path) ? source.path : resolve(ctx.baseDir, source.path);
      let bytes: Uint8Array;
      try {
        bytes = await readBytes(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? 'error'})`;
        return { problem: `comes from the file ${path}, which ${why}`, fix: 'Create the file with the secret as its only content (mode 0600), or point to another one.' };
      }
      const text = decodeUtf8(bytes);
      if (text === undefined) return { problem: `comes from the file ${path}, which is not valid UTF-8 text`, fix: 'Write the secret into the file as UTF-8 text (convert it, e.g. with iconv -f latin1 -t utf-8), or point to another file.' };
      return { value: text.replace(/\r?\n$/, '') };
    }
    case 'keychain':
      return { problem: `comes from the OS keychain (${source.service}/${source.account}), which this version of fieldstation cannot read yet`, fix: 'Use {env: NAME} or {file: /path} for now.' };
  }
}
