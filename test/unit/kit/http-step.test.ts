import { describe, expect, it } from 'vitest';
import { Secret } from '../../../src/core/secrets/secret.js';
import { http, httpKind, type HttpCheck } from '../../../src/kit/steps/http.js';

const key = new Secret('secrets.api_admin_password', 'Adm1n-pa55word-never-shown');

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

  it('says nothing of diagnosed statuses when no part is judged, or when it is the healthy status', () => {
    expect(httpKind.describe(http({ ...heartbeat, expect: { status: 200, diagnoseOn: [503], description: 'up' } }))).toHaveLength(1);
    expect(httpKind.describe(http({ ...heartbeat, expect: { ...heartbeat.expect, diagnoseOn: [200] } })).at(-1)).toMatch(/^ {2}the GeoIP database/);
  });

  it('leaves the line of a check without parts, query or headers as it was', () => {
    expect(httpKind.describe(http({ method: 'POST', url: 'https://api.sticky.example.org/get_token', basicAuth: { user: 'admin', password: key }, expect: { status: 200, jsonKeys: ['token', 'expiration'], description: 'a JSON {token, expiration}' }, deadlineSeconds: 300 })))
      .toEqual(['check: POST https://api.sticky.example.org/get_token as admin until 200 with a JSON {token, expiration} (up to 300 s)']);
  });
});
