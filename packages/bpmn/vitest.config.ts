import { defineProject } from 'vitest/config';

// Tests that spawn the real binary, or fuzz many generated files: give them room on a busy machine.
export default defineProject({ test: { name: '@portalflow/bpmn', testTimeout: 60_000 } });
