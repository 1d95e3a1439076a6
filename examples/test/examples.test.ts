import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  coverage,
  type Definition,
  lint,
  parseCalendar,
  parseDefinition,
  parseScript,
  type SimulationResult,
  simulate,
  validateIntake,
} from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { clinicCalendar, examplesDir, roleCatalog, workflows } from '../src/index.ts';

const NINE = [
  'portal-message-triage',
  'urgent-after-hours',
  'prescription-refill',
  'lab-result-release',
  'proxy-access',
  'enrollment-activation',
  'password-reset',
  'appointment-request',
  'billing-question',
];

describe('role catalog and calendar', () => {
  it('has unique kebab-case roles, each with a job description of a few sentences', () => {
    const ids = roleCatalog.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const role of roleCatalog) {
      expect(role.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(role.name.length).toBeGreaterThan(0);
      expect(role.department.length).toBeGreaterThan(0);
      const sentences = role.description.split(/(?<=\.)\s+/).filter((s) => s.trim() !== '');
      expect(sentences.length, role.id).toBeGreaterThanOrEqual(2);
      expect(sentences.length, role.id).toBeLessThanOrEqual(4);
    }
  });

  it('uses every catalog role in some workflow', () => {
    const used = new Set(workflows.flatMap((w) => (w.definition as Definition).roles.map((r) => r.id)));
    expect(roleCatalog.map((r) => r.id).filter((id) => !used.has(id))).toEqual([]);
  });

  it('ships a valid clinic calendar', () => {
    const calendar = parseCalendar(clinicCalendar);
    expect(calendar.timeZone).toBe('America/Denver');
    expect(calendar.holidays?.length).toBeGreaterThan(0);
  });
});

describe('workflows', () => {
  it('are the nine clinic workflows, each with its scripts on disk', () => {
    expect(workflows.map((w) => w.id)).toEqual(NINE);
    for (const w of workflows) {
      const dir = join(examplesDir, 'scripts', w.id);
      expect(existsSync(dir), dir).toBe(true);
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length))
        .sort();
      expect(w.scripts.map((s) => s.name).sort()).toEqual(files);
    }
  });

  it('use every step kind across the set', () => {
    const kinds = new Set(
      workflows.flatMap((w) => Object.values((w.definition as Definition).steps).map((s) => s.type)),
    );
    expect([...kinds].sort()).toEqual(['decision', 'end', 'parallel', 'task', 'wait']);
  });

  for (const example of workflows) {
    describe(example.id, () => {
      const definition = parseDefinition(example.definition, { filename: `${example.id}.json` });

      it('lints without errors or warnings', () => {
        const findings = lint(definition).filter((f) => f.severity !== 'info');
        expect(findings).toEqual([]);
      });

      it('repeats its roles exactly as the catalog has them', () => {
        expect(definition.id).toBe(example.id);
        for (const role of definition.roles) {
          expect(role).toEqual(roleCatalog.find((r) => r.id === role.id));
        }
      });

      it('gives every task help text and a description of the process', () => {
        expect(definition.description?.length ?? 0).toBeGreaterThan(200);
        for (const [id, step] of Object.entries(definition.steps)) {
          if (step.type === 'task') expect(step.help?.trim().length ?? 0, id).toBeGreaterThan(20);
        }
      });

      // A step that promises the patient a comment is where it is written: its form asks for it.
      it('asks for the comment on every step whose help says the patient will see one', () => {
        for (const [id, step] of Object.entries(definition.steps)) {
          if (step.type !== 'task' || !/patient will see/i.test(step.help ?? '')) continue;
          expect(
            step.form?.some((f) => f.required && f.type === 'textarea'),
            id,
          ).toBe(true);
        }
      });

      it('has a start form, started from My work by catalog roles', () => {
        expect(definition.intake?.form?.length ?? 0).toBeGreaterThan(0);
        expect(definition.intake?.roles.length ?? 0).toBeGreaterThan(0);
        const catalog = roleCatalog.map((r) => r.id);
        for (const role of definition.intake?.roles ?? []) expect(catalog, role).toContain(role);
      });

      // Start data is held to the start form: each story starts with what staff would fill in there.
      for (const script of example.scripts) {
        it(`script ${script.name} starts with data its start form takes`, () => {
          const first = script.events[0] as { type: string; data?: Record<string, unknown> };
          expect(first.type).toBe('start');
          expect(validateIntake(definition, first.data ?? {})).toEqual([]);
        });
      }

      const runs: SimulationResult[] = [];
      for (const script of example.scripts) {
        it(`script ${script.name} is accepted and finishes`, () => {
          const result = simulate(definition, parseScript(script.events), { calendar: clinicCalendar });
          runs.push(result);
          expect(result.error).toBeUndefined();
          expect(result.ok).toBe(true);
          expect(result.snapshot?.status).toBe('done');
        });
      }

      it('scripts together take every outcome, branch and deadline', () => {
        const report = coverage(
          definition,
          runs.length === example.scripts.length
            ? runs
            : example.scripts.map((s) =>
                simulate(definition, parseScript(s.events), { calendar: clinicCalendar }),
              ),
        );
        expect(report.outcomes.missing).toEqual([]);
        expect(report.edges.missing).toEqual([]);
        expect(report.deadlines.missing).toEqual([]);
        expect(report.steps.missing).toEqual([]);
      });
    });
  }
});
