import { lint } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../src/model/changes.ts';
import { lintOverlay } from '../src/model/lintOverlay.ts';
import { doc } from './model-support.ts';

describe('lint overlay', () => {
  it('a clean workflow marks nothing', () => {
    const d = doc();
    const overlay = lintOverlay(d.definition, lint(d.definition));
    expect(overlay.errors).toBe(0);
    expect(overlay.steps.size).toBe(0);
  });

  it('puts step findings on boxes and arrow findings on arrows', () => {
    const d = applyChanges(doc(), [
      {
        type: 'updateStep',
        id: 'is-urgent',
        patch: { branches: [{ when: 'data.urgent ==', to: 'call-patient' }] },
      },
      { type: 'updateStep', id: 'admin-reply', patch: { role: undefined } },
      { type: 'connect', from: 'nurse-review', to: 'nowhere', via: { kind: 'outcome', name: 'lost' } },
    ]);
    const findings = lint(d.definition);
    const overlay = lintOverlay(d.definition, findings);
    expect(overlay.errors).toBe(findings.filter((f) => f.severity === 'error').length);
    expect(
      overlay.edges.get('steps.is-urgent.branches.0.to')?.errors ?? overlay.steps.get('is-urgent')?.errors,
    ).toBeGreaterThan(0);
    expect(overlay.steps.get('admin-reply')?.errors).toBeGreaterThan(0);
    // An arrow to a missing step cannot be drawn: its mark goes on the box it leaves.
    expect(overlay.steps.get('nurse-review')?.message).toMatch(/nowhere/);
    expect(overlay.targets).toHaveLength(findings.length);
    const i = findings.findIndex((f) => f.step === 'admin-reply');
    expect(overlay.targets[i]).toEqual({ step: 'admin-reply' });
  });

  it('counts warnings separately and keeps the first error message', () => {
    const d = applyChanges(doc(), [
      { type: 'updateStep', id: 'classify', patch: { deadline: { after: 'PT4H' } } },
    ]);
    const overlay = lintOverlay(d.definition, lint(d.definition));
    expect(overlay.errors).toBe(0);
    expect(overlay.warnings).toBeGreaterThan(0);
    expect(overlay.steps.get('classify')).toMatchObject({ errors: 0, warnings: 1 });
  });
});
