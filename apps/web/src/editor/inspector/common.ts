import { listRoles } from '@portalflow/contract';
import { type Definition, ID_PATTERN, type Step } from '@portalflow/engine';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import { call } from '../../api/call.ts';
import { idIsFixed } from '../../model/stepIds.ts';
import { stepNames } from '../../model/stepNames.ts';
import { useEditorStore } from '../useEditorStore.ts';
import type { DefinitionResponse } from '../useLoadDraft.ts';

export { ID_PATTERN };

/** The clinic's role catalog (lanes, starters): asked for when the editor opens, read by the inspector. */
export const roleCatalogQuery = queryOptions({
  queryKey: ['roles', 'catalog'],
  queryFn: () => call(listRoles, {}),
  staleTime: 60_000,
});

/**
 * Whether a step's id is fixed: once a published version names it, instances and histories use it.
 * Read from the editor's cached GET of the workflow (publishing updates its `latest`).
 */
export function useIdFixed(definitionId: string, stepId: string): boolean {
  const response = useQuery<DefinitionResponse>({
    queryKey: ['definition', definitionId],
    enabled: false,
  }).data;
  return idIsFixed(stepId, response === undefined ? undefined : (response.latest?.definition ?? null));
}

/**
 * Steps as select options, by their titles ("Call the patient"; see `stepNames`). Deferred: after an
 * edit the list follows in a background render, so renaming a step never waits for 1,000 options to
 * redraw.
 */
export function useStepOptions(definition: Definition, except?: string) {
  const options = useMemo(() => {
    const ids = Object.keys(definition.steps).filter((id) => id !== except);
    const names = stepNames(definition, ids);
    return ids.map((id, i) => ({ value: id, label: names[i]! }));
  }, [definition, except]);
  return useDeferredValue(options);
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
