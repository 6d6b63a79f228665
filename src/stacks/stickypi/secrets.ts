import type { Answers, SecretRules } from '../../core/questions/types.js';
import { unescapedInUrl } from '../../kit/secrets/url.js';

/**
 * Sticky Pi's secrets, declared once: how each is generated, where it is written (all in .secret.env,
 * under upstream's names) and whether a new value can be made live. None encrypts stored data: the API
 * keeps password hashes and signs only day-long tokens; only the database password is pinned (see it).
 */
/** Images go to the admin's own S3 provider (otherwise the local MinIO fieldstation runs holds them). */
export const isRemote = (a: Answers): boolean => a['s3.mode'] === 'remote';
const PASSWORD = { length: 32, alphabet: 'alnum' } as const;
const rotatable = { kind: 'rotatable' } as const;
const inSecretEnv = (key: string) => ({ file: '.secret.env', key });

export const SECRETS = {
  s3AccessKey: {
    minLength: 8,
    maxLength: 256,
    generate: (a) => (isRemote(a) ? undefined : { length: 20, alphabet: 'alnum' }),
    generateWhen: 'when s3.mode is local',
    lifecycle: rotatable,
    storedIn: inSecretEnv('S3_ACCESS_KEY'),
  },
  s3PrivateKey: {
    minLength: 8,
    maxLength: 256,
    generate: (a) => (isRemote(a) ? undefined : { length: 40, alphabet: 'alnum' }),
    generateWhen: 'when s3.mode is local',
    lifecycle: rotatable,
    storedIn: inSecretEnv('S3_PRIVATE_KEY'),
  },
  /** Signs login tokens valid for 24 hours: a new one only logs everyone out. */
  apiKey: { minLength: 32, generate: { length: 48, alphabet: 'urlsafe' }, lifecycle: rotatable, storedIn: inSecretEnv('SECRET_API_KEY') },
  /** The API connects to MariaDB through a mysql+pymysql://user:password@host/db URL, the password not escaped. */
  /**
   * MariaDB's image sets it only when it first creates the database; a new value in .secret.env would lock
   * the API out of it. Pinned until a rotation step makes a new one live (ALTER USER) first.
   */
  mysqlPassword: {
    minLength: 11,
    forbidden: unescapedInUrl('mysql+pymysql'),
    generate: PASSWORD,
    lifecycle: { kind: 'pinned', because: 'MariaDB keeps the password it was created with; a new one in .secret.env would lock the API out of its database' },
    storedIn: inSecretEnv('MYSQL_PASSWORD'),
  },
  adminPassword: { minLength: 11, generate: PASSWORD, lifecycle: rotatable, storedIn: inSecretEnv('API_ADMIN_PASSWORD') },
  uidPassword: { minLength: 11, generate: PASSWORD, lifecycle: rotatable, storedIn: inSecretEnv('UID_PASSWORD') },
  /** Sent once to /put_users, which keeps only a hash; never written to a file. */
  firstUserPassword: { minLength: 11, lifecycle: rotatable },
} satisfies Record<string, SecretRules>;
