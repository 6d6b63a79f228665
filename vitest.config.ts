import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Golden files are refreshed only on purpose: FIELDSTATION_UPDATE_SNAPSHOTS=1 npm test.
    env: { FORCE_COLOR: '0' },
  },
});
