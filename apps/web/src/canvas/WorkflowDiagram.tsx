import type { Definition } from '@portalflow/engine';
import { Controls, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';
import { readLayout } from '../model/document.ts';
import type { LintOverlay } from '../model/lintOverlay.ts';
import { type Scene, sceneOf } from '../model/scene.ts';
import { FitNote, READABLE_ZOOM } from './FitNote.tsx';
import { type Decorations, toFlowEdges, toFlowNodes } from './flowElements.ts';
import { LaneBands, LaneLabels } from './LaneBands.tsx';
import { edgeTypes, nodeTypes } from './nodeTypes.ts';
import { boundsOf, isOnScreen, placeView, type Rect, VIEW_PADDING } from './placeView.ts';
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

  const flow = useReactFlow();
  const pane = useRef<HTMLDivElement>(null);
  // The steps to keep on screen: those open now, else the last one passed, else the start.
  const focus = highlight?.active?.length
    ? highlight.active
    : highlight?.visited?.length
      ? highlight.visited.slice(-1)
      : [definition.start];
  const focusKey = focus.join(' ');
  const latest = useRef({ scene, focus });
  latest.current = { scene, focus };
  // Until the first view is placed, following the focus would fight it.
  const placed = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-frame when a different workflow or layout is shown, not when only the highlight moves
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      placed.current = true;
      const el = pane.current;
      const content = contentOf(latest.current.scene);
      if (!el || !content || el.clientWidth === 0)
        return void flow.fitView({ padding: FIT_PADDING, duration: 0 });
      const size = { width: el.clientWidth, height: el.clientHeight };
      const fit = Math.min(
        (size.width - VIEW_PADDING.left - VIEW_PADDING.right) / content.width,
        (size.height - VIEW_PADDING.top - VIEW_PADDING.bottom) / content.height,
      );
      // All of it when its titles can be read so; else readable titles around the steps in focus.
      const target =
        fit >= READABLE_ZOOM ? content : (focusBounds(latest.current.scene, latest.current.focus) ?? content);
      void flow.setViewport(
        placeView(size, content, target, fit >= READABLE_ZOOM ? Math.min(fit, 1) : READABLE_ZOOM),
      );
    });
    return () => cancelAnimationFrame(frame);
  }, [scene, flow]);

  // As a replay moves on, the steps in focus are brought into view (a pan, at the zoom people chose).
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the focus only
  useEffect(() => {
    const el = pane.current;
    const content = contentOf(latest.current.scene);
    const target = focusBounds(latest.current.scene, latest.current.focus);
    if (!placed.current || !el || !content || !target) return;
    const size = { width: el.clientWidth, height: el.clientHeight };
    const view = flow.getViewport();
    if (!isOnScreen(size, view, target))
      void flow.setViewport(placeView(size, content, target, view.zoom), { duration: 200 });
  }, [focusKey]);

  return (
    <div className="pf-diagram" data-testid={testId ?? 'workflow-diagram'}>
      <LaneBands lanes={scene.lanes} />
      <div className="pf-flow" ref={pane}>
        <ReactFlow<StepNode, StepEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
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

/** What is drawn: the boxes across, the lanes down. */
function contentOf(scene: Scene): Rect | null {
  const boxes = boundsOf([...scene.boxes.values()]);
  const lanes = boundsOf(scene.lanes.map((l) => ({ x: boxes?.x ?? 0, y: l.y, width: 0, height: l.height })));
  if (!boxes) return null;
  if (!lanes) return boxes;
  const top = Math.min(boxes.y, lanes.y);
  const bottom = Math.max(boxes.y + boxes.height, lanes.y + lanes.height);
  return { x: boxes.x, y: top, width: boxes.width, height: bottom - top };
}

function focusBounds(scene: Scene, ids: readonly string[]): Rect | null {
  return boundsOf(ids.flatMap((id) => scene.boxes.get(id) ?? []));
}
