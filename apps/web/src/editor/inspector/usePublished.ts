import type { Definition } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import type { DefinitionResponse } from '../useLoadDraft.ts';

/**
 * The workflow's latest published definition, read from the editor's cached GET of the workflow
 * (publishing updates its `latest`): null when never published, undefined while not known yet.
 */
export function usePublished(definitionId: string): Definition | null | undefined {
  const response = useQuery<DefinitionResponse>({
    queryKey: ['definition', definitionId],
    enabled: false,
  }).data;
  return response === undefined ? undefined : (response.latest?.definition ?? null);
}
