import type { Definition } from '@portalflow/engine';
import { ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { readLayout } from '../model/document.ts';
import type { LintOverlay } from '../model/lintOverlay.ts';
import { type Scene, sceneOf } from '../model/scene.ts';
import { FitNote } from './FitNote.tsx';
import { type Decorations, toFlowEdges, toFlowNodes } from './flowElements.ts';
import { LaneBands, LaneLabels } from './LaneBands.tsx';
import { labelMarksOf } from './labelMarks.ts';
import { MoreStepsNote } from './MoreStepsNote.tsx';
import { edgeTypes, nodeTypes } from './nodeTypes.ts';
import { type OpenStep, OpenStepsNote } from './OpenStepsNote.tsx';
import { openStepLabels } from './openStepsWords.ts';
import { boundsOf, isOnScreen, placeView, type Rect } from './placeView.ts';
import { contentOf, readableView } from './readableView.ts';
import { followView, keepStepsWhole, type PathFocus, replayView, stepView, wholeView } from './replayView.ts';
import type { DiagramHighlight, StepEdge, StepNode } from './types.ts';
import { ViewControls } from './ViewControls.tsx';

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
  // Labels with a problem or a comparison mark get boxes sized with the mark.
  const marks = useMemo(() => labelMarksOf(overlay, diff?.edges), [overlay, diff]);
  const scene = useMemo(() => sceneOf(definition, readLayout(layout), marks), [definition, layout, marks]);
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
  const latest = useRef({ scene, focus, highlight });
  latest.current = { scene, focus, highlight };
  // Until the first view is placed, following the focus would fight it; once people pan or zoom, a
  // change of the pane's size leaves their view alone.
  const placed = useRef(false);
  const moved = useRef(false);

  // The view it opens at, and the one fit view returns to: all of it when its titles can be read so;
  // else, on a run, the path taken (or the steps open now) at a readable size; else readable titles
  // around the steps in focus.
  const showReadable = useCallback(
    (duration: number) => {
      placed.current = true;
      moved.current = false;
      const el = pane.current;
      const { scene: shown, focus: ids, highlight: run } = latest.current;
      const content = contentOf(shown);
      if (!el || !content || el.clientWidth === 0) return void flow.fitView({ duration });
      const size = { width: el.clientWidth, height: el.clientHeight };
      const view = run?.visited?.length
        ? replayView(size, content, drawnOf(shown), pathFocus(shown, run))
        : readableView(size, content, focusBounds(shown, ids) ?? content, 'centre');
      void flow.setViewport(view, { duration });
    },
    [flow],
  );
  const readable = useCallback(() => showReadable(200), [showReadable]);
  // Fit view fits: every step in view at once, however small its titles get (an auditor checks the
  // whole path before reading it; the readable view it opened at leaves the first steps of a long
  // workflow off screen). Titles too small to read are said so, with the readable size a press away.
  const fit = useCallback(() => {
    const el = pane.current;
    const content = contentOf(latest.current.scene);
    placed.current = true;
    // A view people asked for: a change of the pane's size leaves it alone.
    moved.current = true;
    if (!el || !content || el.clientWidth === 0) return void flow.fitView({ duration: 200 });
    const view = wholeView({ width: el.clientWidth, height: el.clientHeight }, content);
    void flow.setViewport(view, { duration: 200 });
  }, [flow]);

  // The steps open now, for the note naming those off screen; its buttons bring one into view.
  const active = highlight?.active;
  const openSteps = useMemo<OpenStep[]>(() => {
    const labels = openStepLabels(definition, active ?? []);
    return (active ?? []).flatMap((id) => {
      const box = scene.boxes.get(id);
      return box ? [{ id, title: labels.get(id)!, box }] : [];
    });
  }, [active, scene, definition]);
  const showStep = useCallback(
    (id: string) => {
      const el = pane.current;
      const { scene: shown } = latest.current;
      const content = contentOf(shown);
      const box = shown.boxes.get(id);
      if (!el || !content || !box) return;
      // A view people asked for: a change of the pane's size leaves it alone.
      moved.current = true;
      const size = { width: el.clientWidth, height: el.clientHeight };
      const view = stepView(size, content, drawnOf(shown), flow.getViewport(), box);
      void flow.setViewport(view, { duration: 200 });
    },
    [flow],
  );

  // The steps beyond the pane's edges are counted there; a note pressed moves the view on, with no
  // step or label left cut at a side edge.
  const boxes = useMemo(() => [...scene.boxes.values()], [scene]);
  const content = useMemo(() => contentOf(scene), [scene]);
  const settle = useCallback(
    (size: { width: number; height: number }, view: { x: number; y: number; zoom: number }) => {
      // A view people asked for: a change of the pane's size leaves it alone.
      moved.current = true;
      return keepStepsWhole(size, view, drawnOf(latest.current.scene));
    },
    [],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-frame when a different workflow or layout is shown, not when only the highlight moves
  useEffect(() => {
    const frame = requestAnimationFrame(() => showReadable(0));
    return () => cancelAnimationFrame(frame);
  }, [scene, showReadable]);

  // As a replay moves on, the steps in focus are brought into view (a pan, at the zoom people chose;
  // zoomed out to the readable size at most to show the steps open together).
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the focus only
  useEffect(() => {
    const el = pane.current;
    const { scene: shown, highlight: run } = latest.current;
    const content = contentOf(shown);
    const target = focusBounds(shown, latest.current.focus);
    if (!placed.current || !el || !content || !target) return;
    const size = { width: el.clientWidth, height: el.clientHeight };
    const view = flow.getViewport();
    const next = run?.visited?.length
      ? followView(size, content, drawnOf(shown), view, pathFocus(shown, run))
      : isOnScreen(size, view, target)
        ? view
        : placeView(size, content, target, view.zoom);
    if (next !== view) void flow.setViewport(next, { duration: 200 });
  }, [focusKey]);

  // The panes around the diagram settle after it opens (the open steps and files load below it): the
  // first view is placed again for the pane's final size, until people move it themselves.
  useEffect(() => {
    const el = pane.current;
    if (!el) return;
    let last = { width: el.clientWidth, height: el.clientHeight };
    const observer = new ResizeObserver(() => {
      const size = { width: el.clientWidth, height: el.clientHeight };
      if (size.width === last.width && size.height === last.height) return;
      last = size;
      if (placed.current && !moved.current && size.width > 0) showReadable(0);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [showReadable]);

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
          onMoveStart={(event) => {
            // Only a person's pan or zoom comes with an event; the view's own moves do not.
            if (event) moved.current = true;
          }}
          attributionPosition="top-right"
          aria-label={`Diagram of ${definition.title}`}
        >
          <ViewControls position="bottom-right" onFit={fit} fitTitle="Fit view: all of the workflow" />
          <FitNote onReadable={readable} />
          <OpenStepsNote steps={openSteps} onShow={showStep} />
          <MoreStepsNote boxes={boxes} content={content} at="foot" settle={settle} />
        </ReactFlow>
      </div>
      <LaneLabels lanes={scene.lanes} />
    </div>
  );
}

/** What a view keeps whole at the pane's side edges: the steps and the arrows' labels. */
function drawnOf(scene: Scene): Rect[] {
  return [...scene.boxes.values(), ...scene.edges.flatMap((e) => e.caption ?? [])];
}

function focusBounds(scene: Scene, ids: readonly string[]): Rect | null {
  return boundsOf(ids.flatMap((id) => scene.boxes.get(id) ?? []));
}

/** A run's path on the drawing: the steps passed and open, those open, and the one reached last. */
function pathFocus(scene: Scene, run: DiagramHighlight): PathFocus {
  const box = (id: string) => scene.boxes.get(id) ?? [];
  const active = run.active ?? [];
  const visited = run.visited ?? [];
  const order = [...visited, ...active.filter((id) => !visited.includes(id))];
  const last = [...order].reverse().find((id) => active.includes(id)) ?? order.at(-1);
  const before = last ? order[order.indexOf(last) - 1] : undefined;
  return {
    path: order.flatMap(box),
    open: active.flatMap(box),
    latest: last ? (scene.boxes.get(last) ?? null) : null,
    before: before ? (scene.boxes.get(before) ?? null) : null,
  };
}
