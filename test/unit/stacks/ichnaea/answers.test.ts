import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnswersText } from '../../../../src/core/answers/answers-file.js';
import { checkAnswers } from '../../../../src/core/answers/check.js';
import { Secret } from '../../../../src/core/secrets/secret.js';
import { readStoredSecrets } from '../../../../src/core/secrets/stored.js';
import { context, uriEncode } from '../../../../src/stacks/ichnaea/context.js';
import { ichnaea } from '../../../../src/stacks/ichnaea/index.js';
import { ALEMBIC_HEADS, DEFAULT_IMAGE, tagOf } from '../../../../src/stacks/ichnaea/model.js';

const check = (text: string) => checkAnswers(ichnaea, parseAnswersText(`version: 1\nstack: ichnaea\n${text}`));
const errors = (text: string) => check(text).problems.filter((p) => p.severity === 'error');
const paths = (text: string) => errors(text).map((p) => p.path).sort();

describe('Ichnaea answers', () => {
  it('defaults to a working install on one machine: the pinned pre-sunset image, containers, every role, no proxy', () => {
    const r = check('');
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.answers).toMatchObject({
      image: DEFAULT_IMAGE, 'db.mode': 'container', 'db.name': 'location', 'redis.mode': 'container',
      'roles.web': 1, 'roles.worker': 1, 'roles.scheduler': true, 'celery.concurrency': 0, 'web.port': 8000, 'proxy.enabled': false,
      'geoip.path': '/opt/geoip/GeoLite2-City.mmdb', 'logging.level': 'INFO',
    });
    expect(Object.keys(r.secretSources).sort()).toEqual(['api_key', 'db.ddl_password', 'db.read_password', 'db.root_password', 'db.write_password', 'secret_key']);
    // The default image's migrations are known: the gate compares the schema with them.
    expect(ALEMBIC_HEADS[tagOf(DEFAULT_IMAGE)]).toBe('3be4004781bc');
  });

  it('refuses the sunset tags and an image without a tag, saying why', () => {
    for (const image of ['mozilla/location:2024.03.27-disable-submission', 'mozilla/location:latest', 'mozilla/location']) {
      const [p] = errors(`image: ${image}\n`);
      expect(p?.path).toBe('image');
      expect(p?.message).toMatch(/sunset|explicit tag/);
    }
    expect(check('image: mozilla/location:2022.09.07\n').problems).toEqual([]);
    // A tag fieldstation has not read: allowed, with a warning that the gate cannot compare the schema.
    expect(check('image: mozilla/location:2020.01.01\n').problems).toEqual([expect.objectContaining({ path: 'image', severity: 'warning' })]);
  });

  it('asks what each database mode needs, and never for the admin password of a container', () => {
    expect(paths('db: {mode: external}\n')).toEqual(['db.admin_password', 'db.host']);
    expect(paths('db: {mode: provisioned, host: db.lab.internal}\n')).toEqual(['db.ddl_password', 'db.read_password', 'db.write_password']);
    expect(paths('db: {mode: external, host: localhost, admin_password: {env: X}}\n')).toEqual(['db.host']);
  });

  it('refuses a Redis on a public address without a password (upstream #1373)', () => {
    const [p] = errors('redis: {mode: external, host: redis.example.org, auth: false}\n');
    expect(p).toMatchObject({ path: 'redis.auth', message: expect.stringMatching(/public address/) });
    expect(errors('redis: {mode: external, host: 10.0.0.5, auth: false}\n')).toEqual([]);
    expect(paths('redis: {mode: external, host: redis.example.org}\n')).toEqual(['redis.password']);
  });

  it('refuses a proxy without a web role here, and a host with no role at all', () => {
    expect(paths('roles: {web: 0}\nproxy: {enabled: true, domain: l.example.org, admin_email: a@example.org}\n')).toEqual(['proxy.enabled']);
    expect(paths('roles: {web: 0, worker: 0, scheduler: false}\n')).toEqual(['roles.web']);
  });

  it('checks both examples', () => {
    for (const file of ['examples/ichnaea.yaml', 'examples/ichnaea-external.yaml']) {
      const r = checkAnswers(ichnaea, parseAnswersText(readFileSync(file, 'utf8')));
      expect(r.problems, file).toEqual([]);
    }
  });
});

describe('Ichnaea env.txt values', () => {
  const secrets = (password: string) => ({
    'db.read_password': new Secret('db.read_password', password),
    'db.write_password': new Secret('db.write_password', 'w'.repeat(12)),
    'db.ddl_password': new Secret('db.ddl_password', 'd'.repeat(12)),
    'redis.password': new Secret('redis.password', 'p@ss:word/#?'),
  });
  const answers = { 'db.mode': 'external', 'db.host': 'db.lab.internal', 'db.port': 3307, 'db.name': 'location', 'db.read_user': 'r', 'db.write_user': 'w', 'db.ddl_user': 'd', 'redis.mode': 'external', 'redis.host': '10.0.0.5', 'redis.port': 6380, 'redis.db': 2 };

  it('percent-encodes every password into its URI, one user per URI', () => {
    const ctx = context({ answers, secrets: secrets("a'b@c:d/e%f g(h)"), previous: {}, dir: '/opt/ichnaea' });
    expect((ctx['db_read_uri'] as Secret).reveal()).toBe('mysql+pymysql://r:a%27b%40c%3Ad%2Fe%25f%20g%28h%29@db.lab.internal:3307/location');
    expect((ctx['db_write_uri'] as Secret).reveal()).toBe(`mysql+pymysql://w:${'w'.repeat(12)}@db.lab.internal:3307/location`);
    expect((ctx['redis_uri'] as Secret).reveal()).toBe('redis://:p%40ss%3Aword%2F%23%3F@10.0.0.5:6380/2');
    expect(uriEncode('-._~AZaz09')).toBe('-._~AZaz09');
  });

  it('names the Redis container cache: redis://redis:6379/0 is upstream\'s development value', () => {
    const ctx = context({ answers: {}, secrets: { ...secrets('x'.repeat(12)), 'redis.password': undefined as unknown as Secret }, previous: {}, dir: '/d' });
    expect(ctx['redis_uri']).toBe('redis://cache:6379/0');
  });

  it('reads the passwords back out of the URIs a re-run finds in env.txt', () => {
    const text = 'DB_READONLY_URI=mysql+pymysql://r:a%27b%40c@db:3306/location\nDB_READWRITE_URI=mysql+pymysql://w:plain123@db:3306/location\nREDIS_URI=redis://cache:6379/0\nSECRET_KEY=k\n';
    const stored = readStoredSecrets(ichnaea, (file) => (file === 'env.txt' ? text : undefined));
    expect(stored).toMatchObject({ 'db.read_password': "a'b@c", 'db.write_password': 'plain123', secret_key: 'k' });
    expect(stored['redis.password']).toBeUndefined();
  });
});
