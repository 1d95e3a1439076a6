import { describe, expect, it } from 'vitest';
import { applyChanges } from '../src/model/changes.ts';
import { copySteps, pasteChanges, readClipboard } from '../src/model/clipboard.ts';
import { doc } from './model-support.ts';

describe('copy and paste', () => {
  it('renames colliding ids and keeps arrows between pasted steps', () => {
    const d = { ...doc(), layout: { positions: { 'call-patient': { x: 100, y: 30 } }, lanes: [] } };
    const clip = readClipboard(JSON.stringify(copySteps(d, ['call-patient', 'provider-review'])))!;
    const { changes, ids } = pasteChanges(d, clip);
    expect(ids).toEqual(['call-patient-2', 'provider-review-2']);
    const after = applyChanges(d, changes);
    expect(after.definition.steps['call-patient-2']).toMatchObject({
      outcomes: { reached: 'closed', 'needs-provider': 'provider-review-2' },
    });
    expect(after.layout.positions['call-patient-2']).toEqual({ x: 140, y: 70 });
    // Pasting again picks the next free ids.
    expect(pasteChanges(after, clip).ids).toEqual(['call-patient-3', 'provider-review-3']);
  });

  it('ignores clipboard text that is not copied steps', () => {
    expect(readClipboard('hello')).toBeNull();
    expect(readClipboard('{"steps":{}}')).toBeNull();
  });
});
