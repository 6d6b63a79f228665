import type { Answers, SecretRules } from '../../core/questions/types.js';
import { unescapedInUrl } from '../../kit/secrets/url.js';
import { authMethod, mongoMode } from './model.js';

const inSecretEnv = (key: string) => ({ file: '.secret.env', key });

/**
 * e-mission's secrets, declared once. The database password and the participants' tokens live on in what
 * they protect (MongoDB's users, the token collection), so a new value needs a step that makes it live
 * there first: both are pinned until such a step exists.
 */
export const SECRETS = {
  /**
   * The official mongo image creates its root user only when the data folder is empty; a new value in
   * .secret.env would lock the server out. With an external MongoDB it is the admin's own password.
   */
  mongoPassword: {
    minLength: 12,
    forbidden: unescapedInUrl('mongodb'),
    generate: (a: Answers) => (mongoMode(a) === 'container' ? { length: 32, alphabet: 'alnum' } : undefined),
    generateWhen: 'when mongodb.mode is container',
    lifecycle: { kind: 'pinned', because: 'MongoDB keeps the password its user was created with; a new one in the server\'s settings would lock the server out of its data' },
    storedIn: inSecretEnv('MONGODB_PASSWORD'),
  },
  /** token_list: the codes participants type into the app (OPcodes). Inserted once into MongoDB by upstream's script. */
  tokens: {
    minLength: 16,
    generate: (a: Answers) => (authMethod(a) === 'token_list'
      ? { length: 24, alphabet: 'alnum', prefix: `nrelop_${String(a['study.config'] ?? 'study')}_default_`, count: Number(a['auth.token_count'] ?? 20) }
      : undefined),
    generateWhen: 'when auth.method is token_list',
    lifecycle: { kind: 'pinned', because: 'participants sign in with these codes; new ones would not replace the old ones in MongoDB, and every participant would have to be sent a new code' },
    storedIn: { file: 'participant-tokens.txt', key: 'lines' },
  },
  /** secret: every phone's token must start with it (conf/net/auth/secret_list.json). */
  clientSecret: {
    minLength: 24,
    generate: { length: 40, alphabet: 'alnum' },
    lifecycle: { kind: 'rotatable' },
    storedIn: inSecretEnv('CLIENT_SECRET'),
  },
  /** Never written to a file: a key on the same machine would open the disk for whoever copies both. */
  diskPassphrase: { minLength: 12, lifecycle: { kind: 'pinned', because: 'it opens the encrypted disk; a new one is added as a new key slot, never by reformatting' } },
} satisfies Record<string, SecretRules>;
