import { defineConfig } from 'vitest/config';

/**
 * Two layers. `unit`: pure tables, the services and both frontends in-process with the test server (no
 * service, no terminal, no build: green on a machine with only Node, in seconds) — `npm run test:unit`.
 * `integration`: the built CLI as child processes, real services (MariaDB, Redis, nginx, Compose's
 * parser, HTTPS servers), real terminals under tmux. `npm test` runs both.
 */
const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // Golden files are refreshed only on purpose: FIELDSTATION_UPDATE_SNAPSHOTS=1 npm test.
  env: { FORCE_COLOR: '0' },
};

// Times are shown to people in the machine's zone (src/io/local-time.ts): one zone for every test, whatever
// the machine's, so golden files and expected texts hold everywhere. Set here, before any worker starts:
// a worker's own env cannot change the zone its clock was started with.
process.env['TZ'] = 'UTC';

export default defineConfig({
  test: {
    projects: [
      // Worker threads start faster than forked processes; nothing in this layer needs a process of its own.
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], pool: 'threads' } },
      { test: { ...shared, name: 'integration', include: ['test/integration/**/*.test.{ts,tsx}'] } },
    ],
  },
});
