import { Secret } from '../../core/secrets/secret.js';
import type { StackInput } from '../../core/stack.js';
import { dbMode, dbServer, GEOIP_MOUNT, geoipFile, geoipFolder, proxied, redisMode, redisServer, runsScheduler, webCount, webPort, workerCount } from './model.js';

/** Percent-encodes everything but RFC 3986's unreserved characters: the value means itself in any URI part. */
export const uriEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `mysql+pymysql://USER:PASSWORD@HOST:PORT/DB`, the one form Ichnaea reads, with the password encoded. */
function dbUri({ answers, secrets }: StackInput, role: 'read' | 'write' | 'ddl'): Secret {
  const { host, port } = dbServer(answers).inContainers;
  const user = String(answers[`db.${role}_user`]);
  const password = (secrets[`db.${role}_password`] as Secret).reveal();
  return new Secret(`db.${role}_password`, `mysql+pymysql://${user}:${uriEncode(password)}@${host}:${port}/${String(answers['db.name'])}`);
}

/** `redis://[:PASSWORD@]HOST:PORT/DB`. The container's name is not `redis`: `redis://redis:6379/0` is upstream's dev value. */
function redisUri({ answers, secrets }: StackInput): Secret | string {
  const { host, port, db } = redisServer(answers);
  const password = secrets['redis.password'];
  if (!password) return `redis://${host}:${port}/${db}`;
  return new Secret('redis.password', `redis://:${uriEncode(password.reveal())}@${host}:${port}/${db}`);
}

/** The values the templates see. */
export function context(input: StackInput): Record<string, unknown> {
  const { answers, secrets } = input;
  const web = webCount(answers);
  const port = webPort(answers);
  const concurrency = Number(answers['celery.concurrency'] ?? 0);
  return {
    image: answers['image'],
    data_dir: answers['data_dir'],
    geoip_dir: geoipFolder(answers),
    geoip_path: `${GEOIP_MOUNT}/${geoipFile(answers)}`,
    db_read_uri: dbUri(input, 'read'),
    db_write_uri: dbUri(input, 'write'),
    db_ddl_uri: dbUri(input, 'ddl'),
    redis_uri: redisUri(input),
    secret_key: secrets['secret_key'],
    // Unset (0): the workers' entrypoint counts the CPUs of the machine they run on.
    celery_concurrency: concurrency > 0 ? String(concurrency) : undefined,
    logging_level: answers['logging.level'],
    sentry_dsn: secrets['sentry.dsn'],
    sentry_environment: answers['sentry.enabled'] === true ? answers['sentry.environment'] : undefined,
    statsd_host: answers['statsd.enabled'] === true ? answers['statsd.host'] : undefined,
    statsd_port: answers['statsd.enabled'] === true ? String(answers['statsd.port']) : undefined,
    mapbox_token: secrets['mapbox.token'],
    asset_bucket: answers['assets.enabled'] === true ? answers['assets.bucket'] : undefined,
    asset_url: answers['assets.enabled'] === true ? answers['assets.url'] : undefined,
    asset_access_key: secrets['assets.access_key'],
    asset_secret_key: secrets['assets.secret_key'],
    root_password: secrets['db.root_password'],
    api_key: secrets['api_key'],
    db_container: dbMode(answers) === 'container',
    db_local_port: String(answers['db.local_port'] ?? 3306),
    redis_container: redisMode(answers) === 'container',
    web: web > 0,
    web_count: String(web),
    // Compose gives each web replica one port of the range.
    web_ports: web > 1 ? `${port}-${port + web - 1}` : String(port),
    worker: workerCount(answers) > 0,
    worker_count: String(workerCount(answers)),
    scheduler: runsScheduler(answers),
    proxy: proxied(answers),
    publish_web: !proxied(answers) && web > 0,
    domain: answers['proxy.domain'],
  };
}
