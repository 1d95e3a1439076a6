import { describe, expect, it } from 'vitest';
import { PortalflowError, parseDefinitionText } from '../src/index.ts';

/** Found by fuzzing: YAML aliases fail only when the document is built, and must still be a definition error. */
describe('YAML aliases in definition text', () => {
  it.each([
    ['an unresolved alias', '*!'],
    ['an alias to nothing', 'id: *missing'],
  ])('%s is a DEFINITION_INVALID error, not a crash', (_name, text) => {
    expect(() => parseDefinitionText(text, { filename: 'workflow.yaml' })).toThrow(PortalflowError);
    try {
      parseDefinitionText(text, { filename: 'workflow.yaml' });
    } catch (error) {
      expect((error as PortalflowError).code).toBe('DEFINITION_INVALID');
      expect((error as PortalflowError).message).toMatch(/workflow\.yaml/);
    }
  });
});
