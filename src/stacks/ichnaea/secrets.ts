import type { Answers, SecretRules } from '../../core/questions/types.js';
import { dbMode, provisions } from './model.js';

const inEnvTxt = (key: string, within?: 'url-password') => ({ file: 'env.txt', key, ...(within ? { within } : {}) });
const generated = (a: Answers) => (provisions(a) ? { length: 32, alphabet: 'alnum' as const } : undefined);

/**
 * Ichnaea's secrets, declared once. The three database users' passwords live only inside the database
 * URIs of env.txt (percent-encoded there): fieldstation makes a changed one live with ALTER USER when it
 * provisions the users, so they are rotatable; given ones (an already provisioned database) are the admin's.
 */
export const SECRETS = {
  /** The container's MariaDB root: the image sets it only when its data folder is empty. */
  rootPassword: {
    minLength: 16,
    generate: (a: Answers) => (dbMode(a) === 'container' ? { length: 32, alphabet: 'alnum' } : undefined),
    generateWhen: 'when db.mode is container',
    lifecycle: { kind: 'pinned', because: 'the mariadb image sets its root password only when the data folder is empty; a new one in mariadb.env would lock fieldstation out of provisioning' },
    storedIn: { file: 'mariadb.env', key: 'MARIADB_ROOT_PASSWORD' },
  },
  /** An existing server's admin account: used once, to provision, and never written anywhere. */
  adminPassword: { minLength: 1, lifecycle: { kind: 'rotatable' } },
  readPassword: { minLength: 8, generate: generated, generateWhen: 'unless db.mode is provisioned', lifecycle: { kind: 'rotatable' }, storedIn: inEnvTxt('DB_READONLY_URI', 'url-password') },
  writePassword: { minLength: 8, generate: generated, generateWhen: 'unless db.mode is provisioned', lifecycle: { kind: 'rotatable' }, storedIn: inEnvTxt('DB_READWRITE_URI', 'url-password') },
  ddlPassword: { minLength: 8, generate: generated, generateWhen: 'unless db.mode is provisioned', lifecycle: { kind: 'rotatable' }, storedIn: inEnvTxt('SQLALCHEMY_URL', 'url-password') },
  redisPassword: {
    minLength: 8,
    lifecycle: { kind: 'rotatable' },
    storedIn: inEnvTxt('REDIS_URI', 'url-password'),
  },
  /** Only check_config() reads it: a new value changes nothing stored. */
  secretKey: { minLength: 32, generate: { length: 50, alphabet: 'alnum' }, lifecycle: { kind: 'rotatable' }, storedIn: inEnvTxt('SECRET_KEY') },
  /** The API key fieldstation creates (a UUID's 32 hex digits): never upstream's public `test` key. */
  apiKey: {
    minLength: 16,
    generate: { length: 32, alphabet: 'hex' },
    lifecycle: { kind: 'pinned', because: 'clients send this key with every request; a new one would be created beside it and every client would have to be given it' },
    storedIn: { file: 'api-key.txt', key: 'lines' },
  },
  sentryDsn: { minLength: 8, lifecycle: { kind: 'rotatable' }, storedIn: inEnvTxt('SENTRY_DSN') },
  mapboxToken: { minLength: 8, lifecycle: { kind: 'rotatable' }, storedIn: inEnvTxt('MAPBOX_TOKEN') },
  assetAccessKey: { minLength: 8, lifecycle: { kind: 'rotatable' }, storedIn: inEnvTxt('AWS_ACCESS_KEY_ID') },
  assetSecretKey: { minLength: 8, lifecycle: { kind: 'rotatable' }, storedIn: inEnvTxt('AWS_SECRET_ACCESS_KEY') },
} satisfies Record<string, SecretRules>;
