import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../../../vitest.shared.ts';

// End-to-end tests: a real server on a temporary libSQL file, the built web app, Debian Chromium.
export default defineConfig({
  ...sourceConditions,
  test: {
    include: ['apps/web/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
