import { type Finding, lint } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../src/model/changes.ts';
import { lintOverlay } from '../src/model/lintOverlay.ts';
import { problemSubject } from '../src/model/problemSubject.ts';
import { doc } from './model-support.ts';

/** Triage with a role nobody holds and has no step, and a task nobody reaches. */
function withProblems() {
  const d = applyChanges(doc(), [
    {
      type: 'addRole',
      role: { id: 'patient-advocate', name: 'Patient advocate', department: 'Front office' },
    },
    {
      type: 'addStep',
      id: 'new-task',
      step: { type: 'task', title: 'Confirm the patient can sign in', role: 'front-desk', outcomes: {} },
      position: { x: 0, y: 0 },
    },
  ]);
  const findings = lint(d.definition, { heldRoles: ['front-desk', 'nurse', 'provider', 'supervisor'] });
  return { definition: d.definition, findings, overlay: lintOverlay(d.definition, findings) };
}

describe('each problem names what it is about in words', () => {
  it('a role finding names the role and points at its lane', () => {
    const { definition, findings, overlay } = withProblems();
    const i = findings.findIndex((f) => f.path === 'roles.4');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(overlay.targets[i]).toEqual({ role: 'patient-advocate' });
    expect(problemSubject(definition, findings[i]!, overlay.targets[i]!)).toBe('Role “Patient advocate”');
  });

  it('a step finding names the step by its title', () => {
    const { definition, findings, overlay } = withProblems();
    const i = findings.findIndex((f) => f.step === 'new-task');
    expect(problemSubject(definition, findings[i]!, overlay.targets[i]!)).toBe(
      'Step “Confirm the patient can sign in”',
    );
  });

  it('an arrow names the steps it joins; the workflow, its start form and subject by those words', () => {
    const { definition } = withProblems();
    const at = (path: string): Finding => ({ rule: 'x', severity: 'warning', message: 'x', path });
    expect(
      problemSubject(definition, at('steps.classify.outcomes.admin'), {
        edge: 'steps.classify.outcomes.admin',
        step: 'classify',
      }),
    ).toBe('Arrow “Admin” from “Classify the message” to “Reply to admin request”');
    expect(problemSubject(definition, at('intake.form.0'), { workflow: true })).toBe('Start form');
    expect(problemSubject(definition, at('subject'), { workflow: true })).toBe('Request subject');
    expect(problemSubject(definition, at(''), { workflow: true })).toBe('Workflow');
  });

  it('a finding about the workflow as a whole points at the workflow', () => {
    const { definition } = withProblems();
    const overlay = lintOverlay(definition, [
      { rule: 'x', severity: 'warning', message: 'x', path: 'subject' },
    ]);
    expect(overlay.targets[0]).toEqual({ workflow: true });
  });
});
