import { autoLayout, emptyLayout, sceneOf } from '@portalflow/diagram';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { generateDefinition } from '../../../packages/engine/test/support/generate.ts';
import { toFlowNodes } from '../src/canvas/flowElements.ts';
import { useEditorStore } from '../src/editor/useEditorStore.ts';
import { peopleQuery, readHeldRoles } from '../src/editor/useHeldRoles.ts';
import { applyChanges } from '../src/model/changes.ts';
import { doc } from './model-support.ts';

describe('what the canvas hands React Flow', () => {
  const definition = generateDefinition(60);
  const scene = sceneOf(definition, autoLayout(definition, emptyLayout()));
  const nodes = toFlowNodes(definition, scene, { editable: true });

  it('gives every box its size and handles, so no box must be drawn to be measured', () => {
    for (const node of nodes) {
      const box = scene.boxes.get(node.id)!;
      expect(node.measured).toEqual({ width: box.width, height: box.height });
      const target = node.handles!.find((h) => h.type === 'target')!;
      // In on the left edge, half way down.
      expect(target.x + target.width! / 2).toBe(0);
      expect(target.y + target.height! / 2).toBe(box.height / 2);
      const source = node.handles!.find((h) => h.type === 'source');
      if (box.kind === 'end') expect(source).toBeUndefined();
      else {
        expect(source!.x + source!.width! / 2).toBe(box.width);
        expect(source!.y).toBe(target.y);
      }
    }
    expect(nodes.some((n) => n.type === 'end')).toBe(true);
  });
});

describe('opening a draft in the editor', () => {
  const base = (d = doc()) => ({
    document: d,
    revision: 1,
    updatedAt: '2026-01-01T00:00:00Z',
    updatedBy: null,
  });
  const withPharmacist = applyChanges(doc(), [
    { type: 'addRole', role: { id: 'pharmacist', name: 'Pharmacist', department: 'Pharmacy' } },
  ]);
  const held = withPharmacist.definition.roles.map((r) => r.id).filter((id) => id !== 'pharmacist');

  it('lints once with the roles people hold when they came with the draft', () => {
    useEditorStore.getState().load(base(withPharmacist), withPharmacist, held);
    const opened = useEditorStore.getState();
    expect(opened.heldRoles).toEqual(held);
    expect(opened.findings.filter((f) => f.rule === 'unheld-role')).toHaveLength(1);
    // The staff list the editor then reads says the same: nothing is linted or drawn again.
    useEditorStore.getState().setHeldRoles([...held].reverse());
    expect(useEditorStore.getState().findings).toBe(opened.findings);
    expect(useEditorStore.getState().overlay).toBe(opened.overlay);
  });

  it('keeps the roles it knew when the staff list did not come in time, and lints with them', () => {
    useEditorStore.getState().setHeldRoles(held);
    useEditorStore.getState().load(base(withPharmacist));
    expect(useEditorStore.getState().findings.filter((f) => f.rule === 'unheld-role')).toHaveLength(1);
  });
});

describe('the roles people hold, read for the open', () => {
  it('are the roles on the staff list, each once, in order', async () => {
    const client = new QueryClient();
    client.setQueryData(peopleQuery.queryKey, {
      people: [
        { id: 'u1', displayName: 'A', roles: ['triage-nurse', 'front-desk'] },
        { id: 'u2', displayName: 'B', roles: ['front-desk'] },
      ],
    } as never);
    expect(await readHeldRoles(client, 1000)).toEqual(['front-desk', 'triage-nurse']);
  });

  it('are unknown (null) when the staff list cannot be read, and the open does not wait for it', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    client.setQueryDefaults(peopleQuery.queryKey, {
      queryFn: () => Promise.reject(new Error('403')),
    });
    expect(await readHeldRoles(client, 1000)).toBeNull();
    const slow = new QueryClient();
    slow.setQueryDefaults(peopleQuery.queryKey, { queryFn: () => new Promise(() => undefined) });
    expect(await readHeldRoles(slow, 20)).toBeNull();
  });
});
