import { afterEach, describe, expect, it } from 'vitest';
import { createHttpCheck, type HttpCheckOptions } from '../../../src/io/executors/http-check.js';
import type { ExecutorContext, Outcome } from '../../../src/io/executors/types.js';
import { formatEvent } from '../../../src/core/run/format.js';
import { createMasker } from '../../../src/core/secrets/mask.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { http, httpKind, type HttpCheck, type HttpRun } from '../../../src/kit/steps/http.js';
import { localServers, readBody, sendJson } from '../../helpers/http-server.js';
import { run } from '../../helpers/runner.js';

// Ichnaea's health gate as a stack would write it: /__heartbeat__ judged part by part (a 503 carries the
// same report), then a geolocate answered from GeoIP alone. The servers here answer as Ichnaea does.

const FAST: HttpCheckOptions = { minDelayMs: 20, maxDelayMs: 40, requestTimeoutMs: 2000 };
const HEAD = '3be4004781bc';
// Characters that must be escaped in a query: the key must reach the server whole, and never be shown.
const KEY = 'fs-key+with&odd=chars never-shown';
const apiKey = new Secret('secrets.ichnaea_api_key', KEY);
const CLIENT_IP = '81.2.69.192';

const FIX = {
  database: 'start MySQL and check DB_READONLY_URI in ichnaea.env',
  schema: 'run `docker compose run --rm web shell alembic upgrade head`',
  geoip: 'put GeoLite2-City.mmdb where GEOIP_PATH points, then restart web',
  redis: 'start Redis and check REDIS_URI in ichnaea.env',
  location: 'check that the GeoIP database is loaded (see /__heartbeat__) and that X-Forwarded-For reaches web',
};

function heartbeat(port: number, overrides: Partial<HttpCheck> = {}): HttpRun {
  return http({
    method: 'GET',
    url: `http://127.0.0.1:${port}/__heartbeat__`,
    expect: {
      status: 200,
      diagnoseOn: [503],
      json: [
        { path: 'database.up', equals: true, part: 'the database', fix: FIX.database },
        // Upstream reports the version "unknown" while the database is down: the migrations are not the fix then.
        { path: 'database.alembic_version', equals: HEAD, part: 'the database schema', fix: FIX.schema, needs: 'database.up' },
        { path: 'geoip.up', equals: true, part: 'the GeoIP database', fix: FIX.geoip },
        { path: 'geoip.age_in_days', atLeast: 0, part: 'the GeoIP database', fix: FIX.geoip },
        { path: 'redis.up', equals: true, part: 'Redis', fix: FIX.redis },
      ],
      description: 'the database, GeoIP and Redis all up',
    },
    deadlineSeconds: 0.2,
    ...overrides,
  });
}

function geolocate(port: number, overrides: Partial<HttpCheck> = {}): HttpRun {
  return http({
    method: 'POST',
    url: `http://127.0.0.1:${port}/v1/geolocate`,
    query: { key: apiKey },
    headers: { 'X-Forwarded-For': CLIENT_IP },
    json: { considerIp: true },
    expect: {
      status: 200,
      // Ichnaea answers 404 with an error object when it cannot place the address: the parts say why.
      diagnoseOn: [404],
      json: [
        { path: 'location.lat', atLeast: -90, atMost: 90, part: 'the location', fix: FIX.location },
        { path: 'location.lng', atLeast: -180, atMost: 180, part: 'the location', fix: FIX.location },
        { path: 'accuracy', atLeast: 0, part: 'the accuracy', fix: FIX.location },
      ],
      description: 'a location from GeoIP',
    },
    deadlineSeconds: 0.2,
    ...overrides,
  });
}

const healthy = () => ({
  database: { up: true, time: 2, alembic_version: HEAD },
  geoip: { up: true, time: 0, age_in_days: 4, version: '2022-01-06T16:20:21Z' },
  redis: { up: true, time: 1 },
});

const servers = localServers();
afterEach(() => servers.closeAll());

function context(): ExecutorContext & { lines: string[] } {
  const lines: string[] = [];
  return { signal: new AbortController().signal, lines, onLine: (line) => lines.push(line) };
}

/** The failed outcome's error, split into its summary line and one line per failing part. */
function failure(outcome: Outcome): { summary: string; parts: string[] } {
  expect(outcome.ok).toBe(false);
  const [summary = '', ...parts] = outcome.ok ? [] : outcome.error.split('\n');
  return { summary, parts };
}

function expectNoKey(...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(encodeURIComponent(KEY));
    expect(text).not.toContain(new URLSearchParams({ key: KEY }).toString());
  }
}

async function check(step: HttpRun, options: HttpCheckOptions = FAST) {
  const ctx = context();
  const outcome = await createHttpCheck(options)(step, ctx);
  return { outcome, lines: ctx.lines };
}

describe('the heartbeat gate', () => {
  it('passes a healthy heartbeat and says which parts it judged', async () => {
    const port = await servers.serve((_req, res) => sendJson(res, 200, healthy()));
    const { outcome, lines } = await check(heartbeat(port));
    expect(outcome).toEqual({ ok: true, detail: 'HTTP 200, as expected: the database, the database schema, the GeoIP database, Redis after 1 attempt(s)' });
    expect(lines).toEqual([]);
  });

  it('reads a 503 to name the database that is down, with its fix, and not the schema it cannot report', async () => {
    const port = await servers.serve((_req, res) => sendJson(res, 503, { ...healthy(), database: { up: false, time: 0, alembic_version: 'unknown' } }));
    const { outcome, lines } = await check(heartbeat(port));
    const { summary, parts } = failure(outcome);
    expect(summary).toMatch(new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/__heartbeat__: no healthy answer \\(the database, GeoIP and Redis all up\\) within 200 ms \\(\\d+ attempt\\(s\\)\\); last: HTTP 503 Service Unavailable \\(expected 200\\); not as expected: the database\\. Fix each part below:$`));
    expect(parts).toEqual([`  - the database: database.up is false, expected true. Fix: ${FIX.database}`]);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/failed: HTTP 503 Service Unavailable \(expected 200\); not as expected: the database(; next try in \d+ ms)?$/);
  });

  it('names every part that is down in one answer, one line each', async () => {
    const port = await servers.serve((_req, res) => sendJson(res, 503, { database: { up: null, time: -1 }, geoip: { up: true, time: 0, age_in_days: 4 }, redis: { up: false, time: 0 } }));
    const { summary, parts } = failure((await check(heartbeat(port))).outcome);
    expect(summary).toContain('; not as expected: the database, Redis. Fix each part below:');
    expect(parts).toEqual([
      `  - the database: database.up is null, expected true. Fix: ${FIX.database}`,
      `  - Redis: redis.up is false, expected true. Fix: ${FIX.redis}`,
    ]);
  });

  it('fails a 200 whose schema is not the expected head, without showing the version found', async () => {
    const port = await servers.serve((_req, res) => sendJson(res, 200, { ...healthy(), database: { up: true, time: 2, alembic_version: 'a0ee5e10f44b' } }));
    const { summary, parts } = failure((await check(heartbeat(port))).outcome);
    expect(summary).toContain('last: HTTP 200 OK but not as expected: the database schema. Fix each part below:');
    expect(parts).toEqual([`  - the database schema: database.alembic_version is another text, expected "${HEAD}". Fix: ${FIX.schema}`]);
    expect(`${summary}${parts.join('')}`).not.toContain('a0ee5e10f44b');
  });

  it('names the GeoIP database when it is not loaded (up false, age -1): one line with both its tests, the fix once', async () => {
    const port = await servers.serve((_req, res) => sendJson(res, 503, { ...healthy(), geoip: { up: false, time: 0, age_in_days: -1, version: '2020-02-26T12:17:00Z' } }));
    const { summary, parts } = failure((await check(heartbeat(port))).outcome);
    expect(summary).toContain('; not as expected: the GeoIP database. Fix each part below:');
    expect(parts).toEqual([`  - the GeoIP database: geoip.up is false, expected true; geoip.age_in_days is -1, expected a number of at least 0. Fix: ${FIX.geoip}`]);
  });

  it('names Redis when its check raised (up null, time -1)', async () => {
    const port = await servers.serve((_req, res) => sendJson(res, 503, { ...healthy(), redis: { up: null, time: -1 } }));
    const { parts } = failure((await check(heartbeat(port))).outcome);
    expect(parts).toEqual([`  - Redis: redis.up is null, expected true. Fix: ${FIX.redis}`]);
  });

  it('says an answer that is not JSON is not the service, for a 200 and for a 503 alike, and names no part', async () => {
    const html = (status: number) => servers.serve((_req, res) => {
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
    });
    const ok = failure((await check(heartbeat(await html(200)))).outcome);
    expect(ok.summary).toMatch(/last: HTTP 200 OK but the answer is not JSON \(text\/html\)\. Fix: something answered that is not the expected service/);
    expect(ok.parts).toEqual([]);
    const down = failure((await check(heartbeat(await html(503)))).outcome);
    expect(down.summary).toMatch(/last: HTTP 503 Service Unavailable \(expected 200\), and its answer is not the JSON that names what is wrong\. Fix: the reverse proxy answers but the application/);
    expect(down.parts).toEqual([]);
  });

  it('judges the body only of the statuses it is told to: a 500 is a server error, whatever its JSON', async () => {
    const port = await servers.serve((_req, res) => sendJson(res, 500, { ...healthy(), database: { up: false } }));
    const { summary, parts } = failure((await check(heartbeat(port))).outcome);
    expect(summary).toContain('last: HTTP 500 Internal Server Error (expected 200). Fix: the reverse proxy answers');
    expect(parts).toEqual([]);
  });

  it('says so when a 503 reports every part up (a part it does not judge is down)', async () => {
    const port = await servers.serve((_req, res) => sendJson(res, 503, healthy()));
    const { summary, parts } = failure((await check(heartbeat(port))).outcome);
    expect(summary).toContain('last: HTTP 503 Service Unavailable (expected 200), though every part judged is as expected');
    expect(parts).toEqual([]);
  });

  it('keeps asking until the heartbeat is healthy, within the deadline', async () => {
    let served = 0;
    const port = await servers.serve((_req, res) => {
      served += 1;
      if (served <= 2) return sendJson(res, 503, { ...healthy(), redis: { up: false, time: 0 } });
      sendJson(res, 200, healthy());
    });
    const { outcome, lines } = await check(heartbeat(port, { deadlineSeconds: 5 }));
    expect(outcome).toEqual({ ok: true, detail: expect.stringMatching(/after 3 attempt\(s\)$/) as string });
    expect(lines).toEqual([
      expect.stringMatching(/attempt 1 failed: HTTP 503 Service Unavailable \(expected 200\); not as expected: Redis; next try in 20 ms$/),
      expect.stringMatching(/attempt 2 failed: HTTP 503 Service Unavailable \(expected 200\); not as expected: Redis; next try in 40 ms$/),
    ]);
  });

  it('gives up at the deadline with the last answer\'s parts, having asked more than once', async () => {
    let served = 0;
    const port = await servers.serve((_req, res) => {
      served += 1;
      // The database comes up, but the schema never reaches the head: the last answer is what is reported.
      sendJson(res, served === 1 ? 503 : 200, served === 1 ? { ...healthy(), database: { up: false, time: 0, alembic_version: 'unknown' } } : { ...healthy(), database: { up: true, time: 1, alembic_version: '000000000000' } });
    });
    const started = performance.now();
    const { outcome, lines } = await check(heartbeat(port, { deadlineSeconds: 0.15 }));
    expect(performance.now() - started).toBeLessThan(2000);
    const { summary, parts } = failure(outcome);
    expect(summary).toMatch(/within 150 ms \((\d+) attempt\(s\)\); last: HTTP 200 OK but not as expected: the database schema\./);
    expect(Number(/\((\d+) attempt/.exec(summary)?.[1])).toBe(served);
    expect(served).toBeGreaterThan(1);
    expect(parts).toEqual([`  - the database schema: database.alembic_version is another text, expected "${HEAD}". Fix: ${FIX.schema}`]);
    expect(lines[0]).toMatch(/not as expected: the database;/);
    for (const line of lines) expect(line).not.toContain('\n');
  });

  it('waits no longer than the run\'s cap (a test switch), whatever the step\'s own deadline', async () => {
    const port = await servers.serve((_req, res) => sendJson(res, 503, { ...healthy(), database: { up: false, time: 0, alembic_version: 'unknown' } }));
    const started = performance.now();
    const outcome = await httpKind.execute!(heartbeat(port, { deadlineSeconds: 300 }), { ...context(), settings: { env: {}, graceMs: 0, httpDeadlineCapSeconds: 0.2 } });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(failure(outcome).summary).toMatch(/within 200 ms \(\d+ attempt\(s\)\); last: HTTP 503/);
  });
});

describe('the geolocate smoke test', () => {
  /** Answers as Ichnaea does: the key is checked first, then the client's address is placed by GeoIP. */
  async function ichnaea(options: { geoip: boolean } = { geoip: true }) {
    const seen: { method?: string; key: string | null; forwardedFor?: string | string[]; body: string; type?: string }[] = [];
    const port = await servers.serve((req, res) => {
      void readBody(req).then((body) => {
        const url = new URL(req.url ?? '/', 'http://x');
        seen.push({ method: req.method, key: url.searchParams.get('key'), forwardedFor: req.headers['x-forwarded-for'], body, type: req.headers['content-type'] });
        if (url.pathname !== '/v1/geolocate') return sendJson(res, 404, {});
        if (url.searchParams.get('key') !== KEY) return sendJson(res, 400, { error: { errors: [{ domain: 'usageLimits', reason: 'keyInvalid', message: 'Missing or invalid API key.' }], code: 400, message: 'Invalid API key' } });
        if (!options.geoip || req.headers['x-forwarded-for'] !== CLIENT_IP) return sendJson(res, 404, { error: { errors: [{ domain: 'geolocation', reason: 'notFound', message: 'Not found' }], code: 404, message: 'Not found' } });
        sendJson(res, 200, { location: { lat: 51.5142, lng: -0.0931 }, accuracy: 600000.0, fallback: 'ipf' });
      });
    });
    return { port, seen };
  }

  it('sends the key, X-Forwarded-For and the JSON body, and passes on a location from GeoIP', async () => {
    const server = await ichnaea();
    const { outcome, lines } = await check(geolocate(server.port));
    expect(outcome).toEqual({ ok: true, detail: 'HTTP 200, as expected: the location, the accuracy after 1 attempt(s)' });
    expect(server.seen).toEqual([{ method: 'POST', key: KEY, forwardedFor: CLIENT_IP, body: '{"considerIp":true}', type: 'application/json' }]);
    expect(lines).toEqual([]);
  });

  it('keeps a plain query of the URL beside the secret one', async () => {
    const server = await ichnaea();
    const { outcome } = await check(geolocate(server.port, { url: `http://127.0.0.1:${server.port}/v1/geolocate?debug=1` }));
    expect(outcome.ok).toBe(true);
    expect(server.seen[0]?.key).toBe(KEY);
  });

  it('fails on a refused key without ever showing it', async () => {
    const server = await ichnaea();
    const { outcome, lines } = await check(geolocate(server.port, { query: { key: new Secret('secrets.ichnaea_api_key', `${KEY}-wrong`) } }));
    const { summary, parts } = failure(outcome);
    expect(summary).toContain(`POST http://127.0.0.1:${server.port}/v1/geolocate: no healthy answer`);
    expect(summary).toContain('last: HTTP 400 Bad Request (expected 200)');
    expect(parts).toEqual([]);
    expectNoKey(summary, ...lines);
    expect(summary).not.toContain('key=');
  });

  it('reads a 404 to say the location is missing, with the fix, when GeoIP cannot place the address', async () => {
    const server = await ichnaea({ geoip: false });
    const { summary, parts } = failure((await check(geolocate(server.port))).outcome);
    expect(summary).toContain('last: HTTP 404 Not Found (expected 200); not as expected: the location, the accuracy. Fix each part below:');
    expect(parts).toEqual([
      `  - the location: location.lat is missing, expected a number from -90 to 90; location.lng is missing, expected a number from -180 to 180. Fix: ${FIX.location}`,
      `  - the accuracy: accuracy is missing, expected a number of at least 0. Fix: ${FIX.location}`,
    ]);
    expectNoKey(summary, ...parts);
  });

  it('does not show the key when a redirect carries it on', async () => {
    const port = await servers.serve((req, res) => {
      res.writeHead(301, { location: `https://location.example.org${req.url ?? '/'}` });
      res.end();
    });
    const { summary } = failure((await check(geolocate(port))).outcome);
    expect(summary).toContain('last: HTTP 301 Moved Permanently redirect to https://location.example.org/v1/geolocate (expected 200; redirects are not followed)');
    expectNoKey(summary);
  });

  it('through the runner: the plan line and every event show the key masked, and the error keeps a line per part', async () => {
    const server = await ichnaea({ geoip: false });
    const step = { id: 'geolocate', title: 'Ichnaea places an address from GeoIP', run: geolocate(server.port, { deadlineSeconds: 0 }) };
    const mask = createMasker([{ id: 'secrets.ichnaea_api_key', value: KEY }]);
    const result = await run([step], { mask });
    expect(result.status).toBe('failed');
    const error = result.failed?.error ?? '';
    expect(error.split('\n')).toHaveLength(3);
    expect(error).toContain(`\n  - the accuracy: accuracy is missing, expected a number of at least 0. Fix: ${FIX.location}`);
    const texts = [...httpKind.describe(step.run), ...result.events.map(formatEvent), JSON.stringify(result.saved)];
    expect(texts[0]).toContain('/v1/geolocate?key=[masked:secrets.ichnaea_api_key] with header X-Forwarded-For: 81.2.69.192');
    expectNoKey(...texts);
    expect(server.seen[0]?.key).toBe(KEY);
  });
});
