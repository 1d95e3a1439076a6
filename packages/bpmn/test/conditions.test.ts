import { describe, expect, it } from 'vitest';
import { rewriteCondition } from '../src/import/conditions.ts';

describe('Camunda conditions in portalflow’s when language', () => {
  it.each([
    [`\${controlledSubstance == true}`, 'data.controlledSubstance == true'],
    [`\${decision == 'approved'}`, 'data.decision == "approved"'],
    [`\${!approved}`, 'not data.approved'],
    [`\${approved && amount > 100}`, 'data.approved and data.amount > 100'],
    [`\${order.total >= 5 || vip}`, 'data.order.total >= 5 or data.vip'],
    ['#{urgent}', 'data.urgent'],
  ])('%s → %s', (source, expected) => {
    expect(rewriteCondition(source)).toBe(expected);
  });

  it.each([[`\${execution.getVariable("x")}`], ['triage = "provider"'], [`\${}`], ['']])(
    '%s cannot be rewritten',
    (source) => {
      expect(rewriteCondition(source)).toBeUndefined();
    },
  );
});
