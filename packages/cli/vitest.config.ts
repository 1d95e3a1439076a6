import { defineProject } from 'vitest/config';
import { sharedModules, sourceConditions } from '../../vitest.shared.ts';

// Tests that spawn the real binary, or fuzz many generated files: give them room on a busy machine.
export default defineProject({
  ...sourceConditions,
  test: { ...sharedModules, name: '@portalflow/cli', testTimeout: 60_000 },
});
