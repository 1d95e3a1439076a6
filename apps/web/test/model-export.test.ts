import { drawingOfSvg, readability, readabilityTotal, workflowSvg as toSvg } from '@portalflow/diagram';
import { stepDeadlineText as deadlineText, edgeText } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { readLayout } from '../src/model/document.ts';
import { triage } from './model-support.ts';

describe('export and labels', () => {
  it('the SVG has a lane per role, a box per step and escapes text', () => {
    const d = triage();
    (d.steps.classify as { title: string }).title = 'Classify <the> "message" & route';
    const svg = toSvg(d, readLayout(null));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    // The title wraps onto lines; every piece is escaped.
    for (const piece of ['&lt;the&gt;', '&quot;message&quot;', '&amp;']) expect(svg).toContain(piece);
    expect(svg).not.toMatch(/<the>|"message"/);
    expect(svg).not.toMatch(/stroke-width="[\d.]+"[^>]*stroke-width=/);
    expect(svg).toContain('>Triage nurse<');
    expect(svg.match(/data-step="/g)).toHaveLength(Object.keys(d.steps).length);
    expect(svg.match(/marker-end/g)!.length).toBe(11);
    expect(readabilityTotal(readability(drawingOfSvg(svg)))).toBe(0);
  });

  it('deadline text names the role it escalates to', () => {
    const d = triage();
    expect(deadlineText(d, d.steps['provider-review']!)).toBe('2 business days → Triage nurse');
    expect(deadlineText(d, d.steps.classify!)).toBe('4 h → Front office supervisor');
    expect(edgeText({ from: 'a', to: 'b', kind: 'deadline', label: 'after PT4H', path: 'x' })).toBe(
      'late: 4 h',
    );
  });

  it('reads stored layouts leniently', () => {
    expect(
      readLayout({ positions: { a: { x: 1, y: 2, lane: 'n' }, b: { x: 'no' } }, lanes: [{ role: 'n' }, 3] }),
    ).toEqual({
      positions: { a: { x: 1, y: 2, lane: 'n' } },
      lanes: [{ role: 'n', order: 0 }],
    });
  });
});
