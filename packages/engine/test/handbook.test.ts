import { describe, expect, it } from 'vitest';
import type { Definition } from '../src/definition.ts';
import { sceneOf } from '../src/handbook/scene.ts';
import { handbookMarkdown, handbookOf, versionChanges, workflowSvg } from '../src/index.ts';
import { exampleDefinitions } from './support/examples.ts';

/** A strict-enough XML check without a parser dependency: tags nest and close, entities are known. */
function wellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const between = xml.slice(last, m.index);
    expect(between, 'no stray < or bad & between tags').not.toMatch(/<|&(?!(amp|lt|gt|quot|#\d+);)/);
    last = m.index + m[0].length;
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]!);
  }
  expect(xml.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}

const unescapeXml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('handbook of every example', () => {
  for (const definition of exampleDefinitions()) {
    it(`${definition.id}: SVG is well-formed with every step title and lane; Markdown lists every step`, () => {
      const svg = workflowSvg(definition);
      wellFormed(svg);
      const text = unescapeXml(svg);
      for (const [id, step] of Object.entries(definition.steps)) {
        if (step.title) expect(text).toContain(`<title>${step.title}</title>`);
        expect(svg).toContain(`data-step="${id}"`);
      }
      for (const role of definition.roles) expect(text).toContain(`<title>${role.name}</title>`);
      const md = handbookMarkdown(handbookOf(definition, { version: 1 }), 'diagram.svg');
      for (const step of Object.values(definition.steps))
        if (step.type === 'task') expect(md).toContain(step.title.replace(/([\\`*_[\]<>#|])/g, '\\$1'));
      expect(md).toContain('First published version.');
    });
  }

  it('keeps boxes inside their lanes and apart when laid out automatically', () => {
    for (const definition of exampleDefinitions()) {
      const scene = sceneOf(definition);
      const lanes = new Map(scene.lanes.map((l) => [l.role, l]));
      const boxes = [...scene.boxes.values()];
      for (const b of boxes) {
        const lane = lanes.get(b.lane)!;
        expect(b.y).toBeGreaterThanOrEqual(lane.y);
        expect(b.y + b.height).toBeLessThanOrEqual(lane.y + lane.height);
      }
      for (const a of boxes)
        for (const b of boxes)
          if (a !== b)
            expect(
              a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height,
            ).toBe(false);
    }
  });

  it('uses a stored layout: positions and lane order', () => {
    const definition = exampleDefinitions()[0]!;
    const [first, second] = definition.roles;
    const layout = {
      positions: { [definition.start]: { x: 900, y: 40 } },
      lanes: [
        { role: second!.id, order: 0 },
        { role: first!.id, order: 1 },
      ],
    };
    const scene = sceneOf(definition, layout);
    expect(scene.lanes[0]!.role).toBe(second!.id);
    expect(scene.boxes.get(definition.start)!.x).toBe(900);
    wellFormed(workflowSvg(definition, { positions: 'junk', lanes: [{ role: 1 }] }));
  });
});

describe('versionChanges', () => {
  it('says what changed between two versions', () => {
    const before = exampleDefinitions().find((d) => d.id === 'portal-message-triage')!;
    const after = structuredClone(before) as Definition;
    const sort = after.steps['sort-message'];
    if (sort?.type !== 'task') throw new Error('fixture');
    sort.deadline = { after: 'P2D', calendar: 'business', escalateTo: 'nurse-manager' };
    sort.help = 'New help';
    delete after.steps['ma-reply'];
    const changes = versionChanges(before, after).map((c) => c.text);
    expect(changes).toContain(
      'Sort the portal message: deadline 1 business day → Nurse manager → 2 business days → Nurse manager',
    );
    expect(changes).toContain('Sort the portal message: help text changed');
    expect(changes).toContain('Step removed: Reply to the administrative request');
    expect(versionChanges(before, before)).toEqual([]);
    const md = handbookMarkdown(
      handbookOf(after, { version: 2, previous: { definition: before, version: 1 } }),
    );
    expect(md).toContain('Since version 1:');
    expect(md).toContain('help text changed');
  });
});
