import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../../../vitest.shared.ts';

// End-to-end tests: a real server on a temporary libSQL file, the built web app, Debian Chromium.
export default defineConfig({
  ...sourceConditions,
  test: {
    include: ['apps/web/e2e/**/*.e2e.ts'],
    // Removes the demo seeds the test workers copied their servers from (support/seed-dirs.ts).
    globalSetup: ['apps/web/e2e/support/seed-dirs.ts'],
    // Each file starts its own server (port 0, temporary database) and its own Chromium profile, and
    // writes screenshots under its own names, so files run side by side; a browser file spends much of
    // its time waiting on the page, so two run at once even on two cores (capped: each is a Chromium).
    maxWorkers: Math.min(4, Math.max(2, availableParallelism())),
    // Files share one module registry per worker, so the server's sources load once per worker, not
    // once per file (~2 s each on two cores); each file still starts its own server and browsers.
    isolate: false,
    // A safety net, not a pace: with two files side by side on two cores, the editor's longest story
    // (15 s alone) once took over a minute, its page starved while both servers seeded their demos.
    // No second try here, on a server the first try changed: scripts/test.mjs runs a file with a
    // failed test once more, whole, on a new server, and lists what passed only then.
    retry: 0,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // `expect.poll` waits for the page like a locator does: vitest's 1 s default was shorter than a
    // debounced search's answer on a loaded two-core machine.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
