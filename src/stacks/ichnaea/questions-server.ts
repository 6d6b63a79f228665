import type { Question } from '../../core/questions/types.js';
import { dockerEnvFormat } from '../../kit/formats/docker-env.js';
import { envFormat } from '../../kit/formats/env.js';
import { dbMode, DEFAULT_IMAGE, HOST, HOST_TEXT, SUNSET_TAGS, tagOf } from './model.js';
import { SECRETS } from './secrets.js';

/** A Docker image reference: a repository path and an explicit tag (a digest pin works too). */
const IMAGE = /^[a-z0-9]+([._/-][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})$/u;
/** MySQL account and database names fieldstation writes unquoted into URIs and quotes in SQL. */
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/u;
const NAME_TEXT = 'is not 1-32 letters, digits or underscores starting with a letter';

const USERS = {
  read: { what: 'read-only', label: 'Read', variable: 'DB_READONLY_URI', help: 'DB_READONLY_URI: the web role reads with it (SELECT on the database only).' },
  write: { what: 'read-write', label: 'Write', variable: 'DB_READWRITE_URI', help: 'DB_READWRITE_URI: the worker, the scheduler and the API-key script write with it (SELECT, INSERT, UPDATE, DELETE).' },
  ddl: { what: 'schema', label: 'Schema', variable: 'SQLALCHEMY_URL', help: 'SQLALCHEMY_URL: the migrations change the schema with it (DDL on the database only, never ON *).' },
} as const;

const external = (a: Parameters<NonNullable<Question['when']>>[0]) => dbMode(a) !== 'container';

/** The image, the database and its users: what every role needs. */
export const serverQuestions: readonly Question[] = [
  {
    id: 'image',
    kind: 'text',
    section: 'Server',
    prompt: 'Which Ichnaea image should run?',
    label: 'Image',
    help: `Upstream's image with an explicit tag. The default is the last release before the sunset: from 2024 upstream's tags refuse submissions (and key requests), which leaves a location service nobody can feed. Change it to upgrade, with \`fieldstation upgrade --to TAG\`.`,
    default: DEFAULT_IMAGE,
    pattern: IMAGE,
    patternText: 'is not an image with an explicit tag (e.g. mozilla/location:2023.01.16): without one Docker takes "latest", the sunset release',
    validate: (v) => (SUNSET_TAGS.test(tagOf(v)) ? `is a sunset tag (${tagOf(v)}): upstream's releases from 2024 refuse submissions; use ${tagOf(DEFAULT_IMAGE)}, the last working release` : undefined),
    formats: [envFormat],
    example: DEFAULT_IMAGE,
  },
  {
    id: 'db.mode',
    kind: 'choice',
    section: 'Database',
    prompt: 'Which MySQL/MariaDB server should Ichnaea use?',
    label: 'Database',
    help: 'Ichnaea needs MySQL 5.7/8 or MariaDB, with a database and three users (read, write, schema changes) that the app never creates itself. fieldstation creates them: in a MariaDB container here, or on your server with an admin account it uses once. Or give three users you made already.',
    choices: [
      { value: 'container', label: 'A MariaDB container on this machine', help: 'data in <data folder>/mariadb, reachable from the roles and from this machine\'s loopback only' },
      { value: 'external', label: 'An existing server; fieldstation creates the database and users', help: 'with an admin account, used once and never written anywhere' },
      { value: 'provisioned', label: 'An existing server with the three users made already', help: 'give each user\'s name and password' },
    ],
    default: 'container',
    formats: [],
    example: 'container',
  },
  {
    id: 'db.host',
    kind: 'text',
    pattern: HOST,
    patternText: HOST_TEXT,
    section: 'Database',
    prompt: 'Host name or address of the database server?',
    label: 'Database host',
    help: 'As the containers reach it. Not localhost: inside a container that is the container itself.',
    when: external,
    whenText: 'unless db.mode is container',
    validate: (v) => (v === 'localhost' || v.startsWith('127.') ? 'is this machine\'s loopback, which inside a container is the container itself; give the host\'s address on the network the containers use' : undefined),
    formats: [dockerEnvFormat],
    example: 'db.lab.internal',
  },
  { id: 'db.port', kind: 'integer', section: 'Database', prompt: 'Port of the database server?', label: 'Database port', help: 'MySQL\'s and MariaDB\'s usual port is 3306.', when: external, whenText: 'unless db.mode is container', default: 3306, min: 1, max: 65535, formats: [], example: 3306 },
  {
    id: 'db.local_port',
    kind: 'integer',
    section: 'Database',
    prompt: 'Port on this machine\'s loopback for the MariaDB container?',
    label: 'MariaDB loopback port',
    help: 'fieldstation provisions the users through it (127.0.0.1 only: nothing outside this machine reaches it). The roles use the container network.',
    when: (a) => dbMode(a) === 'container',
    whenText: 'when db.mode is container',
    default: 3306,
    min: 1,
    max: 65535,
    formats: [],
    example: 3306,
  },
  { id: 'db.name', kind: 'text', section: 'Database', prompt: 'Name of the database?', label: 'Database name', help: 'Upstream\'s docs call it location.', default: 'location', pattern: NAME, patternText: NAME_TEXT, formats: [dockerEnvFormat], example: 'location' },
  {
    id: 'db.admin_user',
    kind: 'text',
    section: 'Database',
    prompt: 'Admin account fieldstation may use once to create the database and users?',
    label: 'Database admin',
    help: 'It needs CREATE USER and GRANT OPTION (root usually). It is used for provisioning only and is never written to a file.',
    when: (a) => dbMode(a) === 'external',
    whenText: 'when db.mode is external',
    default: 'root',
    pattern: /^[^\s'"\\]{1,80}$/u,
    patternText: 'is not an account name (no spaces, quotes or backslashes)',
    formats: [],
    example: 'root',
  },
  {
    id: 'db.admin_password',
    kind: 'secret',
    section: 'Database',
    prompt: 'Password of that admin account?',
    label: 'Database admin password',
    help: 'Used once for provisioning, never written. Give it from the environment: {env: NAME}.',
    when: (a) => dbMode(a) === 'external',
    whenText: 'when db.mode is external',
    secret: SECRETS.adminPassword,
    formats: [],
  },
  {
    id: 'db.root_password',
    kind: 'secret',
    section: 'Database',
    prompt: 'Root password of the MariaDB container?',
    label: 'MariaDB root password',
    help: 'Generated and kept in mariadb.env (0600); fieldstation provisions the users with it. The container sets it only when its data folder is empty.',
    when: (a) => dbMode(a) === 'container',
    whenText: 'when db.mode is container',
    secret: SECRETS.rootPassword,
    formats: [envFormat],
  },
  ...(['read', 'write', 'ddl'] as const).flatMap((role): Question[] => [
    {
      id: `db.${role}_user`,
      kind: 'text',
      section: 'Database',
      prompt: `Name of the ${USERS[role].what} user?`,
      label: `${USERS[role].label} user`,
      help: USERS[role].help,
      default: `location_${role}`,
      pattern: NAME,
      patternText: NAME_TEXT,
      formats: [dockerEnvFormat],
      example: `location_${role}`,
    },
    {
      id: `db.${role}_password`,
      kind: 'secret',
      section: 'Database',
      prompt: `Password of the ${USERS[role].what} user?`,
      label: `${USERS[role].label} password`,
      help: `Generated when fieldstation creates the users (and changed with ALTER USER when you give a new one); written percent-encoded into ${USERS[role].variable} in env.txt.`,
      secret: SECRETS[`${role}Password`],
      formats: [],
    },
  ]),
  {
    id: 'secret_key',
    kind: 'secret',
    section: 'Keys',
    prompt: 'Ichnaea\'s SECRET_KEY?',
    label: 'Secret key',
    help: 'Required by upstream\'s start-up check whenever Redis is not its dev value. Generated; nothing stored depends on it.',
    secret: SECRETS.secretKey,
    formats: [dockerEnvFormat],
  },
  {
    id: 'api_key',
    kind: 'secret',
    section: 'Keys',
    prompt: 'API key for the first client?',
    label: 'API key',
    help: 'Created with upstream\'s apikey.py (never the public "test" key of the docs), shown once and kept in api-key.txt (0600). Clients send it as ?key=.',
    secret: SECRETS.apiKey,
    formats: [],
  },
];
