import { defineProject } from 'vitest/config';
import { sharedModules, sourceConditions } from '../../vitest.shared.ts';

export default defineProject({
  ...sourceConditions,
  // Every answer of a contract route is checked against its schema (see src/http/contract.ts).
  test: { ...sharedModules, name: '@portalflow/server', env: { PORTALFLOW_CHECK_RESPONSES: '1' } },
});
