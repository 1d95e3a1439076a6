import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'examples', 'apps/*'],
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine. Most
    // files wait on fsync, child processes and sockets, so every core gets a worker (never fewer than two).
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
