import { Box } from '@mantine/core';
import type { Definition } from '@portalflow/engine';
import { lazy, Suspense } from 'react';
import { DiagramBoundary } from './DiagramBoundary.tsx';
import { StepList } from './StepList.tsx';
import type { DiagramHighlight } from './types.ts';

// The canvas (React Flow) is loaded only when a replay is opened.
const WorkflowDiagram = lazy(() =>
  import('../canvas/index.ts').then((m) => ({ default: m.WorkflowDiagram })),
);

/** The instance's pinned workflow version with the path taken; a step list as the text view and fallback. */
export function ReplayDiagram(props: {
  definition: Definition;
  layout?: unknown;
  highlight: DiagramHighlight;
  onSelectStep?: (stepId: string) => void;
  selected?: string | null;
  view: 'diagram' | 'list';
}) {
  const list = (
    <StepList
      definition={props.definition}
      highlight={props.highlight}
      selected={props.selected ?? null}
      {...(props.onSelectStep ? { onSelectStep: props.onSelectStep } : {})}
    />
  );
  if (props.view === 'list') return list;
  return (
    <Box h="100%" data-testid="audit-diagram">
      <DiagramBoundary fallback={list}>
        <Suspense fallback={list}>
          <WorkflowDiagram
            definition={props.definition}
            layout={props.layout}
            highlight={props.highlight}
            {...(props.onSelectStep ? { onSelectStep: props.onSelectStep } : {})}
          />
        </Suspense>
      </DiagramBoundary>
    </Box>
  );
}
