import { getVersion, listDefinitions } from '@portalflow/contract';
import type { Definition } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { clinicRoles } from '../auth/useMe.ts';

/** Roles that own a task anywhere in the workflow (as the server decides who may start it). */
export function workflowRoles(definition: Definition): Set<string> {
  const roles = new Set<string>();
  for (const step of Object.values(definition.steps)) {
    if (step.type === 'task' && step.role) roles.add(step.role);
    if ((step.type === 'task' || step.type === 'wait') && step.deadline?.escalateTo)
      roles.add(step.deadline.escalateTo);
  }
  return roles;
}

/** Published workflows this person may practise: ones with a step (or escalation) for a role they hold. */
export function usePracticeWorkflows(roles: string[]) {
  return useQuery({
    queryKey: ['practice', 'workflows', roles],
    queryFn: async () => {
      const { definitions } = await call(listDefinitions, { query: {} });
      const published = definitions.filter((d) => d.latestVersion !== null);
      const versions = await Promise.all(
        published.map((d) => call(getVersion, { params: { id: d.id, v: d.latestVersion! } })),
      );
      const mine = new Set(clinicRoles(roles));
      return versions
        .map((v) => v.version.definition)
        .filter((def) => [...workflowRoles(def)].some((r) => mine.has(r)))
        .sort((a, b) => a.title.localeCompare(b.title));
    },
    staleTime: 60_000,
  });
}
