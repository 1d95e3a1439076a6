import { defineProject } from 'vitest/config';
import { sharedModules, sourceConditions } from '../../vitest.shared.ts';

export default defineProject({ ...sourceConditions, test: { ...sharedModules, name: '@portalflow/store' } });
