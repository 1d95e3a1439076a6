import type { Definition } from '@portalflow/engine';
import { Controls, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';
import { readLayout } from '../model/document.ts';
import type { LintOverlay } from '../model/lintOverlay.ts';
import { sceneOf } from '../model/scene.ts';
import { FitNote } from './FitNote.tsx';
import { type Decorations, toFlowEdges, toFlowNodes } from './flowElements.ts';
import { LaneBands, LaneLabels } from './LaneBands.tsx';
import { edgeTypes, nodeTypes } from './nodeTypes.ts';
import type { DiagramHighlight, StepEdge, StepNode } from './types.ts';

export interface WorkflowDiagramProps {
  definition: Definition;
  /** The stored layout (`{ positions, lanes }`); missing or malformed parts are laid out automatically. */
  layout?: unknown;
  /** Steps open now, steps passed and arrows taken (a simulation or an audited instance). */
  highlight?: DiagramHighlight;
  onSelectStep?: (stepId: string) => void;
}

/** Extra decorations the editor's own read-only views use (comparison, lint marks). */
export interface DiagramExtras {
  diff?: Decorations['diff'];
  overlay?: LintOverlay;
  testId?: string;
}

/** Room around the boxes when fitting (the lane headers have their own column beside the flow). */
export const FIT_PADDING = { left: '24px', top: '28px', right: '24px', bottom: '24px' } as const;

/** A read-only swimlane diagram that fits itself to its container (give the container a height). */
export function WorkflowDiagram(props: WorkflowDiagramProps & DiagramExtras) {
  return (
    <ReactFlowProvider>
      <ReadOnlyDiagram {...props} />
    </ReactFlowProvider>
  );
}

function ReadOnlyDiagram({
  definition,
  layout,
  highlight,
  onSelectStep,
  diff,
  overlay,
  testId,
}: WorkflowDiagramProps & DiagramExtras) {
  // Steps without a stored position are laid out by the diagram package (the same layout everywhere).
  const scene = useMemo(() => sceneOf(definition, readLayout(layout)), [definition, layout]);
  const previousNodes = useRef<StepNode[]>([]);
  const previousEdges = useRef<StepEdge[]>([]);
  const nodes = useMemo(() => {
    const deco: Decorations = {};
    if (highlight) deco.highlight = highlight;
    if (diff) deco.diff = diff;
    if (overlay) deco.overlay = overlay;
    previousNodes.current = toFlowNodes(definition, scene, deco, previousNodes.current);
    return previousNodes.current;
  }, [definition, scene, highlight, diff, overlay]);
  const edges = useMemo(() => {
    const deco: Decorations = {};
    if (highlight) deco.highlight = highlight;
    if (diff) deco.diff = diff;
    if (overlay) deco.overlay = overlay;
    previousEdges.current = toFlowEdges(definition, scene, deco, previousEdges.current);
    return previousEdges.current;
  }, [definition, scene, highlight, diff, overlay]);

  const { fitView } = useReactFlow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit when a different workflow or layout is shown, not when only the highlight moves
  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView({ padding: FIT_PADDING, duration: 0 }));
    return () => cancelAnimationFrame(frame);
  }, [scene, fitView]);

  return (
    <div className="pf-diagram" data-testid={testId ?? 'workflow-diagram'}>
      <LaneBands lanes={scene.lanes} />
      <div className="pf-flow">
        <ReactFlow<StepNode, StepEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          fitView
          fitViewOptions={{ padding: FIT_PADDING }}
          minZoom={0.05}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={!!onSelectStep}
          nodesFocusable={!!onSelectStep}
          edgesFocusable={false}
          onNodeClick={onSelectStep ? (_event, node) => onSelectStep(node.id) : undefined}
          onlyRenderVisibleElements={nodes.length > 150}
          attributionPosition="top-right"
          aria-label={`Diagram of ${definition.title}`}
        >
          <Controls showInteractive={false} position="bottom-right" />
          <FitNote />
        </ReactFlow>
      </div>
      <LaneLabels lanes={scene.lanes} />
    </div>
  );
}
