import { existsSync, readFileSync } from 'node:fs';
import { localServers, readBody, sendJson } from '../../../helpers/http-server.js';

/** The alembic head of the pinned image: what a migrated database reports. */
export const HEAD = '3be4004781bc';
/** The address of upstream's smoke test, in MaxMind's data: London. */
export const CLIENT_IP = '81.2.69.192';

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly key: string | null;
  readonly forwardedFor: string | undefined;
  readonly body: string;
}

export interface WebRole {
  readonly port: number;
  /** What /__heartbeat__ reports: all up, or the database down (a 503 with the same report). */
  state: 'healthy' | 'database-down';
  /** The api-key.txt fieldstation wrote: the one key this web role accepts. */
  keyFile: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

const report = (databaseUp: boolean) => ({
  database: databaseUp ? { up: true, time: 2, alembic_version: HEAD } : { up: false, time: 0, alembic_version: 'unknown' },
  geoip: { up: true, time: 0, age_in_days: 1, version: new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/u, 'Z') },
  redis: { up: true, time: 1 },
});

/**
 * A real HTTP server on 127.0.0.1 answering as Ichnaea's web role does (ichnaea/webapp/monitor.py and the
 * geolocate API, ichnaea-stickypi.md §A.4): the heartbeat's report of the database, GeoIP and Redis, and a
 * geolocate from GeoIP alone for the address of upstream's smoke test, only with the key in api-key.txt.
 */
export async function startWebRole(): Promise<WebRole> {
  const servers = localServers();
  const role: Omit<WebRole, 'port' | 'close'> = { state: 'healthy', keyFile: '', seen: [] };
  const port = await servers.serve((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const forwarded = req.headers['x-forwarded-for'];
      const key = url.searchParams.get('key');
      role.seen.push({ method: req.method ?? '', path: url.pathname, key, forwardedFor: Array.isArray(forwarded) ? forwarded.join(', ') : forwarded, body });
      if (req.method === 'GET' && url.pathname === '/__heartbeat__') return sendJson(res, role.state === 'healthy' ? 200 : 503, report(role.state === 'healthy'));
      if (req.method === 'GET' && url.pathname === '/__lbheartbeat__') return sendJson(res, 200, { status: 'OK' });
      if (req.method !== 'POST' || url.pathname !== '/v1/geolocate') return sendJson(res, 404, { error: { code: 404, message: 'Not found' } });
      // Read each time: the key exists only once fieldstation has written it.
      const valid = existsSync(role.keyFile) ? readFileSync(role.keyFile, 'utf8').trim() : undefined;
      if (!valid || key !== valid) return sendJson(res, 403, { error: { errors: [{ domain: 'usageLimits', reason: 'keyInvalid', message: 'Missing or invalid API key.' }], code: 403, message: 'Invalid API key' } });
      if (forwarded !== CLIENT_IP) return sendJson(res, 404, { error: { errors: [{ domain: 'geolocation', reason: 'notFound', message: 'Not found' }], code: 404, message: 'Not found' } });
      sendJson(res, 200, { location: { lat: 51.5142, lng: -0.0931 }, accuracy: 600000.0, fallback: 'ipf' });
    });
  });
  return Object.assign(role, { port, close: () => servers.closeAll() });
}
