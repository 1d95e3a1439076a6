import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../src/editor/inspector/fieldFormats.ts';
import { CHART_NUMBER_EXAMPLE } from '../src/work/chartExample.ts';

/**
 * New request shows the workflows' own words for the patient field; Request status, the audit search
 * and the form designer give the app's example. Both are the same chart number.
 */

const WORKFLOWS = join(import.meta.dirname, '../../../examples/workflows');

describe('the example chart number', () => {
  it("is the one the bundled workflows' patient field gives", () => {
    let checked = 0;
    for (const file of readdirSync(WORKFLOWS).filter((f) => f.endsWith('.json'))) {
      const workflow = JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8'));
      const patient = workflow.intake?.form?.find((f: { id: string }) => f.id === 'patient');
      if (!patient) continue;
      const examples = `${patient.help ?? ''} ${patient.patternHint ?? ''}`.match(/DEMO-\d+/g) ?? [];
      expect(new Set(examples), file).toEqual(new Set([CHART_NUMBER_EXAMPLE]));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("is the form designer's hint for a chart number", () => {
    expect(FORMATS.find((f) => f.id === 'chart-number')?.hint).toBe(
      `a chart number such as ${CHART_NUMBER_EXAMPLE}`,
    );
  });
});
