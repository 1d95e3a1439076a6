import { describe, expect, it } from 'vitest';
import { applyChanges } from '../src/model/changes.ts';
import { checkDefinition } from '../src/model/check.ts';
import { doc } from './model-support.ts';

/** The editor's checks with the staff list as data: a lane nobody holds is a warning, never an error. */
describe('held roles in the editor checks', () => {
  it('without the staff list nothing about staffing is said', () => {
    const d = doc();
    expect(checkDefinition(d.definition).filter((f) => f.rule === 'unheld-role')).toEqual([]);
  });

  it('a new lane for a role nobody holds is a warning in words; publishing is not blocked by it', () => {
    const d = applyChanges(doc(), [
      { type: 'addRole', role: { id: 'pharmacist', name: 'Pharmacist', department: 'Pharmacy' } },
    ]);
    const held = d.definition.roles.map((r) => r.id).filter((id) => id !== 'pharmacist');
    const findings = checkDefinition(d.definition, held).filter((f) => f.rule === 'unheld-role');
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: 'Nobody holds the Pharmacist role: steps drawn in this lane would wait unseen',
      }),
    ]);
    expect(checkDefinition(d.definition, [...held, 'pharmacist']).some((f) => f.rule === 'unheld-role')).toBe(
      false,
    );
  });
});
