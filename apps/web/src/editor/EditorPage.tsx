import { parseDefinition } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../api/client.ts';
import type { Draft } from '../api/types.ts';
import { WorkflowDiagram } from '../canvas/index.ts';

export function EditorPage() {
  const { id } = useParams();
  const q = useQuery({ queryKey: ['definition', id], queryFn: () => api<{ draft: Draft }>(`/definitions/${id}`) });
  if (!q.data) return null;
  return (
    <div style={{ height: '100%' }}>
      <WorkflowDiagram definition={parseDefinition(q.data.draft.definition)} layout={q.data.draft.layout} highlight={{ active: ['check-request'], visited: [], edges: [] }} />
    </div>
  );
}
