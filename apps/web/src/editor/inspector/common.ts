import type { Definition, Step } from '@portalflow/engine';
import { useMemo } from 'react';
import { stepTitle } from '../../model/describe.ts';
import { useEditorStore } from '../useEditorStore.ts';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Steps as select options: "Call the patient (call-patient)". */
export function useStepOptions(definition: Definition, except?: string) {
  return useMemo(
    () =>
      Object.keys(definition.steps)
        .filter((id) => id !== except)
        .map((id) => ({ value: id, label: `${stepTitle(definition, id)} (${id})` })),
    [definition, except],
  );
}

export function useRoleOptions(definition: Definition) {
  return useMemo(
    () =>
      definition.roles.map((r) => ({
        value: r.id,
        label: r.department ? `${r.name} · ${r.department}` : r.name,
      })),
    [definition.roles],
  );
}

/** Updates fields of one step; typing into the same field squashes into one undo step. */
export function useStepPatch(id: string) {
  const apply = useEditorStore((s) => s.apply);
  return (patch: Record<string, unknown>, field?: string) =>
    apply([{ type: 'updateStep', id, patch }], field ? { squash: `${field}:${id}` } : {});
}

export type StepOf<K extends Step['type']> = Extract<Step, { type: K }>;
