import type { Answers } from '../../core/questions/types.js';
import { isPrivateHost } from '../../kit/net/private-host.js';

/** What the answers mean, worked out once for every other file of this stack. */
export type DbMode = 'container' | 'external' | 'provisioned';
export const dbMode = (a: Answers): DbMode => (a['db.mode'] as DbMode | undefined) ?? 'container';
/** fieldstation creates the database and its users (a container's root, or the admin's account once). */
export const provisions = (a: Answers): boolean => dbMode(a) !== 'provisioned';
export const redisMode = (a: Answers): 'container' | 'external' => (a['redis.mode'] as 'container' | 'external' | undefined) ?? 'container';
export const redisAuth = (a: Answers): boolean => redisMode(a) === 'external' && a['redis.auth'] !== false;
export const proxied = (a: Answers): boolean => a['proxy.enabled'] === true;

/** The image: upstream's last working release, before the sunset tags that refuse submissions. */
export const DEFAULT_IMAGE = 'mozilla/location:2023.01.16';

/**
 * The alembic head of each release fieldstation knows (read from upstream's ichnaea/alembic/versions at
 * the tag): the heartbeat's database.alembic_version must equal it once migrations ran.
 */
export const ALEMBIC_HEADS: Readonly<Record<string, string>> = Object.fromEntries(
  ['2021.11.23', '2022.01.11', '2022.06.07', '2022.08.03', '2022.08.23', '2022.09.07', '2023.01.16'].map((tag) => [tag, '3be4004781bc']),
);
/** Tags of the sunset: submissions are refused (and with them the service's point). */
export const SUNSET_TAGS = /(^latest$|disable-submission|disable-key-request|^2024\.)/u;
export const tagOf = (image: string): string => image.slice(image.lastIndexOf(':') + 1);
export const expectedHead = (a: Answers): string | undefined => ALEMBIC_HEADS[tagOf(String(a['image'] ?? DEFAULT_IMAGE))];

/** The role counts on this host. */
export const webCount = (a: Answers): number => Number(a['roles.web'] ?? 1);
export const workerCount = (a: Answers): number => Number(a['roles.worker'] ?? 1);
export const runsScheduler = (a: Answers): boolean => a['roles.scheduler'] !== false;
export const webPort = (a: Answers): number => Number(a['web.port'] ?? 8000);

/** Where the GeoIP file is inside the containers: its host folder is mounted read-only at /mnt/geoip. */
export const GEOIP_MOUNT = '/mnt/geoip';
export const geoipHostPath = (a: Answers): string => String(a['geoip.path'] ?? '/opt/geoip/GeoLite2-City.mmdb');
export const geoipFolder = (a: Answers): string => geoipHostPath(a).replace(/\/[^/]*$/u, '') || '/';
export const geoipFile = (a: Answers): string => geoipHostPath(a).slice(geoipHostPath(a).lastIndexOf('/') + 1);

/** The database server as the containers reach it, and as fieldstation reaches it from this host. */
export function dbServer(a: Answers): { inContainers: { host: string; port: number }; fromHost: { host: string; port: number } } {
  if (dbMode(a) === 'container') return { inContainers: { host: 'db', port: 3306 }, fromHost: { host: '127.0.0.1', port: Number(a['db.local_port'] ?? 3306) } };
  const server = { host: String(a['db.host']), port: Number(a['db.port'] ?? 3306) };
  return { inContainers: server, fromHost: server };
}

/** Redis as the containers reach it. The container has no published port and sits on an internal network. */
export function redisServer(a: Answers): { host: string; port: number; db: number } {
  if (redisMode(a) === 'container') return { host: 'cache', port: 6379, db: 0 };
  return { host: String(a['redis.host']), port: Number(a['redis.port'] ?? 6379), db: Number(a['redis.db'] ?? 0) };
}

/** A Redis on a public address answers anyone who finds it: upstream #1373 was an abuse report about one. */
export const redisReachableFromOutside = (a: Answers): boolean => redisMode(a) === 'external' && !isPrivateHost(String(a['redis.host'] ?? ''));

/** The public URL the gate and the notes use: the proxy's https://domain, or the web role's port here. */
export const serviceUrl = (a: Answers): string => (proxied(a) ? `https://${String(a['proxy.domain'])}` : `http://127.0.0.1:${webPort(a)}`);

/** A host name or an IPv4 address, as the containers reach a server (no scheme, port or path). */
export const HOST = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/u;
export const HOST_TEXT = 'is not a host name or IPv4 address (no scheme, port or path)';
