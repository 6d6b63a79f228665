import { describe, expect, it } from 'vitest';
import { createMasker } from '../../../src/core/secrets/mask.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { http, httpKind, shownUrl, type HttpCheck } from '../../../src/kit/steps/http.js';

const KEY = 'ichnaea-api-key-never-shown';
const key = new Secret('secrets.ichnaea_api_key', KEY);

const heartbeat: HttpCheck = {
  method: 'GET',
  url: 'http://127.0.0.1:8000/__heartbeat__',
  expect: {
    status: 200,
    json: [
      { path: 'database.up', equals: true, part: 'the database', fix: 'start MySQL' },
      { path: 'database.alembic_version', equals: '3be4004781bc', part: 'the database schema', fix: 'run `docker compose run --rm web shell alembic upgrade head`' },
      { path: 'geoip.age_in_days', atLeast: 0, part: 'the GeoIP database', fix: 'download GeoLite2-City.mmdb' },
    ],
    diagnoseOn: [503],
    description: 'the database, GeoIP and Redis all up',
  },
  deadlineSeconds: 300,
};

const geolocate: HttpCheck = {
  method: 'POST',
  url: 'http://127.0.0.1:8000/v1/geolocate',
  query: { key },
  headers: { 'X-Forwarded-For': '81.2.69.192' },
  json: { considerIp: true },
  expect: {
    status: 200,
    json: [
      { path: 'location.lat', atLeast: -90, atMost: 90, part: 'the location', fix: 'check GeoIP' },
      { path: 'accuracy', isNumber: true, part: 'the accuracy', fix: 'check GeoIP' },
    ],
    description: 'a location from GeoIP',
  },
  deadlineSeconds: 60,
};

describe('the http step in the plan', () => {
  it('describes each part of the JSON it judges, and that a 503 is read to name what is wrong', () => {
    expect(httpKind.describe(http(heartbeat))).toEqual([
      'check: GET http://127.0.0.1:8000/__heartbeat__ until 200 with the database, GeoIP and Redis all up (up to 300 s)',
      '  the database: database.up must be true',
      '  the database schema: database.alembic_version must be "3be4004781bc"',
      '  the GeoIP database: geoip.age_in_days must be a number of at least 0',
      '  an answer of 503 still fails, but its JSON is judged the same way to name what is wrong',
    ]);
  });

  it('shows a secret query value as its mask, and the headers it sends', () => {
    const lines = httpKind.describe(http(geolocate));
    expect(lines[0]).toBe('check: POST http://127.0.0.1:8000/v1/geolocate?key=[masked:secrets.ichnaea_api_key] with header X-Forwarded-For: 81.2.69.192 with a JSON body until 200 with a location from GeoIP (up to 60 s)');
    expect(lines.slice(1)).toEqual(['  the location: location.lat must be a number from -90 to 90', '  the accuracy: accuracy must be a number']);
    expect(httpKind.describeProbe!(http(geolocate))).toBe('POST http://127.0.0.1:8000/v1/geolocate?key=[masked:secrets.ichnaea_api_key] answers a location from GeoIP');
    for (const text of [...lines, httpKind.describeProbe!(http(geolocate)), JSON.stringify(http(geolocate))]) expect(text).not.toContain(KEY);
  });

  it('adds a secret query value after a plain one with &', () => {
    expect(shownUrl({ url: 'https://h.example.org/x?a=1', query: { key, other: new Secret('secrets.other', 'other-value') } }))
      .toBe('https://h.example.org/x?a=1&key=[masked:secrets.ichnaea_api_key]&other=[masked:secrets.other]');
  });

  it('says nothing of diagnosed statuses when no part is judged, or when it is the healthy status', () => {
    expect(httpKind.describe(http({ ...heartbeat, expect: { status: 200, diagnoseOn: [503], description: 'up' } }))).toHaveLength(1);
    expect(httpKind.describe(http({ ...heartbeat, expect: { ...heartbeat.expect, diagnoseOn: [200] } })).at(-1)).toMatch(/^ {2}the GeoIP database/);
  });

  it('leaves the line of a check without parts, query or headers as it was', () => {
    expect(httpKind.describe(http({ method: 'POST', url: 'https://api.sticky.example.org/get_token', basicAuth: { user: 'admin', password: key }, expect: { status: 200, jsonKeys: ['token', 'expiration'], description: 'a JSON {token, expiration}' }, deadlineSeconds: 300 })))
      .toEqual(['check: POST https://api.sticky.example.org/get_token as admin until 200 with a JSON {token, expiration} (up to 300 s)']);
  });

  it('stays masked when a stack put the key in the URL itself: the plan masks every known secret', () => {
    const mask = createMasker([{ id: 'secrets.ichnaea_api_key', value: KEY }]);
    const lines = httpKind.describe(http({ ...geolocate, url: `http://127.0.0.1:8000/v1/geolocate?key=${KEY}`, query: {} })).map(mask);
    expect(lines[0]).toContain('?key=[masked:secrets.ichnaea_api_key] ');
  });
});
