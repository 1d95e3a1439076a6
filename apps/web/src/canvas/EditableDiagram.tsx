import type { Definition, StepKind } from '@portalflow/engine';
import {
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Change } from '../model/changes.ts';
import type { Layout, StepPosition } from '../model/document.ts';
import { type Lane, laneAt } from '../model/lanes.ts';
import type { LintOverlay } from '../model/lintOverlay.ts';
import { freeSpot, newBoxSize, positionInLane } from '../model/scene.ts';
import { FitNote } from './FitNote.tsx';
import { type Decorations, toFlowEdges, toFlowNodes } from './flowElements.ts';
import { whenIdle } from './idle.ts';
import { LaneBands, LaneLabels } from './LaneBands.tsx';
import { labelMarksOf } from './labelMarks.ts';
import { headerNeeds, leastZoomForNames } from './laneHeader.ts';
import { MoreStepsNote } from './MoreStepsNote.tsx';
import { edgeTypes, nodeTypes } from './nodeTypes.ts';
import { boundsOf, isOnScreen, nudgeOnScreen, placeView } from './placeView.ts';
import { clearLaneStrip, contentOf, READABLE_ZOOM, readableView } from './readableView.ts';
import type { DiagramHighlight, StepEdge, StepNode } from './types.ts';
import { useCanvasScene } from './useCanvasScene.ts';
import { useMinimapShown } from './useMinimapShown.ts';
import { ViewControls } from './ViewControls.tsx';

/** Zooming out is never stopped above this: below the least the opening view uses (see readableView). */
const LEAST_FLOOR = READABLE_ZOOM * 0.75;

export const PALETTE_MIME = 'application/x-portalflow-step-kind';

const definitionKinds = new Set<string>(['task', 'decision', 'parallel', 'wait', 'end']);

export interface CanvasSelection {
  steps: string[];
  edges: string[];
}

export interface EditableDiagramProps {
  definition: Definition;
  layout: Layout;
  overlay?: LintOverlay | null;
  selection: CanvasSelection;
  highlight?: DiagramHighlight;
  diff?: Decorations['diff'];
  readOnly?: boolean;
  focus?: { id: string; nonce: number } | null;
  /** Changing it refits the view (a different workflow, or a new mode). */
  fitKey?: unknown;
  /** Called once, when the first view is placed (the boxes on screen are the ones to draw). */
  onViewPlaced?(): void;
  onChanges(changes: Change[], options?: { squash?: string }): void;
  onSelect(selection: CanvasSelection): void;
  onSelectLane?(role: string): void;
  onDropKind?(kind: StepKind, lane: Lane, position: StepPosition): void;
  onConnect?(from: string, to: string): void;
}

const MINIMAP_COLORS: Record<string, string> = {
  task: '#adb5bd',
  decision: '#ffe066',
  parallel: '#343a40',
  wait: '#ced4da',
  end: '#495057',
};
const minimapColor = (node: StepNode) =>
  node.data.marks?.errors ? '#fa5252' : (MINIMAP_COLORS[node.type ?? 'task'] ?? '#adb5bd');

/**
 * The editable swimlane canvas: a thin adapter from the document to React Flow and from React
 * Flow's gestures back to model changes. A drag is shown locally and committed once on drop
 * (moveStep, or setOwner when a task lands in another role's lane).
 */
export function EditableDiagram(props: EditableDiagramProps) {
  const { definition, layout, overlay, selection, highlight, diff, readOnly = false, focus, fitKey } = props;
  const marks = useMemo(() => labelMarksOf(overlay ?? undefined, diff?.edges), [overlay, diff]);
  const scene = useCanvasScene(definition, layout, marks);
  const selected = useMemo(() => new Set([...selection.steps, ...selection.edges]), [selection]);
  const deco = useMemo(() => {
    const d: Decorations = { selected, editable: !readOnly };
    if (overlay) d.overlay = overlay;
    if (highlight) d.highlight = highlight;
    if (diff) d.diff = diff;
    return d;
  }, [selected, readOnly, overlay, highlight, diff]);
  const previousNodes = useRef<StepNode[]>([]);
  const previousEdges = useRef<StepEdge[]>([]);
  const baseNodes = useMemo(() => {
    previousNodes.current = toFlowNodes(definition, scene, deco, previousNodes.current);
    return previousNodes.current;
  }, [definition, scene, deco]);
  const routedEdges = useMemo(() => {
    previousEdges.current = toFlowEdges(definition, scene, deco, previousEdges.current);
    return previousEdges.current;
  }, [definition, scene, deco]);

  // Positions of boxes being dragged, until the drop commits them to the document.
  const [dragging, setDragging] = useState<ReadonlyMap<string, { x: number; y: number }>>(new Map());
  const nodes = useMemo(
    () =>
      dragging.size === 0
        ? baseNodes
        : baseNodes.map((n) => (dragging.has(n.id) ? { ...n, position: dragging.get(n.id)! } : n)),
    [baseNodes, dragging],
  );
  // Arrows of a box being dragged follow it provisionally; the drop routes them again.
  const edges = useMemo(
    () =>
      dragging.size === 0
        ? routedEdges
        : routedEdges.map((e) =>
            dragging.has(e.source) || dragging.has(e.target)
              ? { ...e, data: { ...e.data!, points: undefined } as StepEdge['data'] & object }
              : e,
          ),
    [routedEdges, dragging],
  );

  const latest = useRef(props);
  latest.current = props;
  // Node and edge selection changes arrive in separate calls in one tick: keep the latest here.
  const selectionRef = useRef(selection);
  useEffect(() => {
    selectionRef.current = selection;
  }, [selection]);
  const choose = useCallback((next: CanvasSelection) => {
    selectionRef.current = next;
    latest.current.onSelect(next);
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepNode>[]) => {
      let moved: Map<string, { x: number; y: number }> | null = null;
      const steps = new Set(selectionRef.current.steps);
      let selectChanged = false;
      for (const c of changes) {
        if (c.type === 'position' && c.position && c.dragging) {
          moved ??= new Map();
          moved.set(c.id, c.position);
        } else if (c.type === 'select') {
          selectChanged = true;
          if (c.selected) steps.add(c.id);
          else steps.delete(c.id);
        }
      }
      if (moved) {
        const update = moved;
        setDragging((d) => new Map([...d, ...update]));
      }
      if (selectChanged) choose({ steps: [...steps], edges: selectionRef.current.edges });
    },
    [choose],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<StepEdge>[]) => {
      const edgeIds = new Set(selectionRef.current.edges);
      let changed = false;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        changed = true;
        if (c.selected) edgeIds.add(c.id);
        else edgeIds.delete(c.id);
      }
      if (changed) choose({ steps: selectionRef.current.steps, edges: [...edgeIds] });
    },
    [choose],
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: StepNode, dragged: StepNode[]) => {
      const changes: Change[] = [];
      const moving = new Set(dragged.map((n) => n.id));
      for (const node of dragged) {
        const step = latest.current.definition.steps[node.id];
        const box = scene.boxes.get(node.id);
        if (!step || !box) continue;
        const lane = laneAt(scene.lanes, node.position.y + box.height / 2);
        if (!lane) continue;
        const ownerChange = step.type === 'task' && lane.role !== box.lane && lane.role !== '';
        // A task dropped on a lane it cannot own stays in its own lane.
        const home =
          ownerChange || step.type !== 'task' ? lane : (scene.lanes.find((l) => l.role === box.lane) ?? lane);
        const dropped = positionInLane(home, node.position.x, node.position.y, step.type);
        // A single box dropped onto another slides down to the first free place; a group keeps its shape.
        const position =
          dragged.length === 1
            ? freeSpot(scene, home, dropped.x, dropped.y, step.type, 'down', moving)
            : dropped;
        changes.push(
          ownerChange
            ? { type: 'setOwner', id: node.id, role: lane.role, position }
            : { type: 'moveStep', id: node.id, position },
        );
      }
      setDragging(new Map());
      if (changes.length > 0) latest.current.onChanges(changes);
    },
    [scene],
  );

  const flow = useReactFlow<StepNode, StepEdge>();
  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME) as StepKind;
      if (!kind || !definitionKinds.has(kind)) return;
      event.preventDefault();
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const lane = laneAt(scene.lanes, point.y);
      if (!lane) return;
      const size = newBoxSize(kind);
      latest.current.onDropKind?.(
        kind,
        lane,
        positionInLane(lane, point.x - size.width / 2, point.y - size.height / 2, kind),
      );
    },
    [flow, scene],
  );
  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target) latest.current.onConnect?.(c.source, c.target);
  }, []);
  // Released on a box but not on its handle: still a connection to that box (handles are small).
  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid || !state.fromNode) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    if (!point) return;
    const element = document.elementFromPoint(point.clientX, point.clientY);
    const target = element?.closest<HTMLElement>('.react-flow__node')?.dataset.id;
    if (target && target !== state.fromNode.id) latest.current.onConnect?.(state.fromNode.id, target);
  }, []);

  // Only a new focus request moves the view (not every edit, nor a change of mode).
  const sceneRef = useRef(scene);
  sceneRef.current = scene;
  useEffect(() => {
    if (!focus) return;
    const box = sceneRef.current.boxes.get(focus.id);
    if (!box) return;
    void flow.setCenter(box.x + box.width / 2, box.y + box.height / 2, {
      zoom: Math.max(flow.getZoom(), 0.9),
      duration: 250,
    });
  }, [focus, flow]);

  // The steps the view keeps on screen: those open in a simulation, else those a comparison marks,
  // else none (the view then opens on the start).
  const watched = useMemo(
    () => (highlight?.active?.length ? highlight.active : diff ? [...diff.steps.keys()] : []),
    [highlight, diff],
  );
  const watchedRef = useRef(watched);
  watchedRef.current = watched;
  const watchedBoxes = useCallback(
    () => watchedRef.current.flatMap((id) => sceneRef.current.boxes.get(id) ?? []),
    [],
  );

  // The view it opens at, and the one fit view returns to: the whole workflow when its titles can
  // be read so, else readable titles from its top-left corner (or from the steps watched), ending
  // between steps rather than through one.
  const pane = useRef<HTMLDivElement>(null);
  const showReadable = useCallback(
    (duration: number) => {
      const el = pane.current;
      const content = contentOf(sceneRef.current);
      if (!el || !content || el.clientWidth === 0) return void flow.fitView({ duration });
      const from =
        boundsOf(watchedBoxes()) ?? sceneRef.current.boxes.get(latest.current.definition.start) ?? content;
      const size = { width: el.clientWidth, height: el.clientHeight };
      const boxes = [...sceneRef.current.boxes.values()];
      // The lane names' column is as wide as the pane is far from the diagram's left.
      const lanes = sceneRef.current.lanes.map((l) => ({
        y: l.y,
        height: l.height,
        need: headerNeeds(l.name, l.department, el.offsetLeft).compact,
      }));
      const view = clearLaneStrip(size, readableView(size, content, from, 'start', boxes), lanes);
      void flow.setViewport(view, { duration });
    },
    [flow, watchedBoxes],
  );
  const [placedView, setPlacedView] = useState(false);
  const placed = useRef(false);
  // Shown when asked for (it covers the bottom lane's end). It draws every box of the workflow
  // (1,000 in a large one), so it joins once the first view is on screen.
  const minimap = useMinimapShown();
  const [minimapReady, setMinimapReady] = useState(false);
  useEffect(() => {
    if (!placedView) return;
    return whenIdle(() => setMinimapReady(true));
  }, [placedView]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-frame only when the caller says the view changed
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      showReadable(0);
      if (placed.current) return;
      placed.current = true;
      setPlacedView(true);
      latest.current.onViewPlaced?.();
    });
    return () => cancelAnimationFrame(frame);
  }, [fitKey]);
  const fit = useCallback(() => showReadable(200), [showReadable]);

  // As a simulation moves on, or a comparison arrives, the steps watched are brought on screen (a
  // pan, at the zoom people chose): all of them when they fit, else the first from the left.
  const watchedKey = watched.join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the steps watched only
  useEffect(() => {
    const el = pane.current;
    const content = contentOf(sceneRef.current);
    const boxes = watchedBoxes();
    const target = boundsOf(boxes);
    if (!placed.current || !el || !content || !target) return;
    const size = { width: el.clientWidth, height: el.clientHeight };
    const view = flow.getViewport();
    if (isOnScreen(size, view, target)) return;
    const fits = target.width * view.zoom <= size.width && target.height * view.zoom <= size.height;
    const first = boxes.reduce((a, b) => (b.x < a.x ? b : a));
    const next = placeView(size, content, fits ? target : first, view.zoom);
    // Lanes that fit down the pane stay at its top, where the first view put them, not centred.
    if (content.height * view.zoom <= size.height) next.y = -content.y * view.zoom;
    void flow.setViewport(next, { duration: 200 });
  }, [watchedKey]);

  // Choosing a step opens the inspector beside the diagram (or below it), narrowing it: the chosen
  // steps are kept in view, moved just enough, rather than left under the panel.
  useEffect(() => {
    const el = pane.current;
    if (!el) return;
    let last = { width: el.clientWidth, height: el.clientHeight };
    const observer = new ResizeObserver(() => {
      const size = { width: el.clientWidth, height: el.clientHeight };
      const smaller = size.width < last.width || size.height < last.height;
      last = size;
      const chosen = boundsOf(
        selectionRef.current.steps.flatMap((id) => sceneRef.current.boxes.get(id) ?? []),
      );
      if (!smaller || !placed.current || !chosen || size.width === 0) return;
      const view = flow.getViewport();
      const next = nudgeOnScreen(size, view, chosen);
      if (next !== view) void flow.setViewport(next, { duration: 200 });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [flow]);

  // A chosen step given to another role (the inspector's owner, a drag into another lane, an undo)
  // lands in that role's lane, perhaps off screen: the view follows it there, moved just enough and
  // smoothly, and not at all while it is still in view.
  const chosenLanes = useRef(new Map<string, string>());
  useEffect(() => {
    const before = chosenLanes.current;
    const now = new Map<string, string>();
    for (const id of selection.steps) {
      const box = scene.boxes.get(id);
      if (box) now.set(id, box.lane);
    }
    chosenLanes.current = now;
    const moved = [...now]
      .filter(([id, lane]) => before.has(id) && before.get(id) !== lane)
      .flatMap(([id]) => scene.boxes.get(id) ?? []);
    const target = boundsOf(moved);
    const el = pane.current;
    if (!target || !el || !placed.current || el.clientWidth === 0) return;
    const view = flow.getViewport();
    const next = nudgeOnScreen({ width: el.clientWidth, height: el.clientHeight }, view, target);
    if (next !== view) void flow.setViewport(next, { duration: 250 });
  }, [scene, selection.steps, flow]);

  // Lane names stay whole beside their bands: zooming out stops where the longest would no longer
  // fit (never above the least zoom the opening view may use, under LEAST_FLOOR). The header
  // column's width is the page's.
  const [headerWidth, setHeaderWidth] = useState(0);
  useEffect(() => setHeaderWidth(pane.current?.offsetLeft ?? 0), []);
  const minZoom = useMemo(
    () =>
      headerWidth > 0
        ? Math.min(Math.max(0.05, leastZoomForNames(scene.lanes, headerWidth)), LEAST_FLOOR)
        : 0.05,
    [scene.lanes, headerWidth],
  );
  const boxes = useMemo(() => [...scene.boxes.values()], [scene.boxes]);
  const content = useMemo(() => contentOf(scene), [scene]);

  return (
    <div className="pf-diagram" data-testid="editor-canvas">
      <LaneBands lanes={scene.lanes} />
      {/* biome-ignore lint/a11y/noStaticElementInteractions: drop target for palette drags; the palette's buttons add steps from the keyboard */}
      <div
        className="pf-flow"
        ref={pane}
        onDrop={readOnly ? undefined : onDrop}
        onDragOver={readOnly ? undefined : onDragOver}
      >
        <ReactFlow<StepNode, StepEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={readOnly ? undefined : onNodeDragStop}
          onConnect={readOnly ? undefined : onConnect}
          onConnectEnd={readOnly ? undefined : onConnectEnd}
          isValidConnection={(c) => c.source !== c.target}
          onPaneClick={() => choose({ steps: [], edges: [] })}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          elementsSelectable
          deleteKeyCode={null}
          multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
          minZoom={minZoom}
          maxZoom={2}
          onlyRenderVisibleElements={nodes.length > 150}
          // Bottom left: the corner a workflow drawn from its start (top left) to the right leaves empty.
          // Bottom centre, it covered arrow labels next to "more steps below".
          attributionPosition="bottom-left"
          aria-label={`Swimlane diagram of ${definition.title}`}
        >
          <ViewControls position="top-right" onFit={fit} minimap={minimap} />
          {minimap.shown && minimapReady && (
            <MiniMap<StepNode>
              position="bottom-right"
              pannable
              zoomable
              nodeColor={minimapColor}
              ariaLabel="Minimap"
              style={{ width: 150, height: 96 }}
            />
          )}
          <FitNote onReadable={fit} />
          <MoreStepsNote boxes={boxes} content={content} />
        </ReactFlow>
      </div>
      <LaneLabels lanes={scene.lanes} {...(props.onSelectLane ? { onSelectLane: props.onSelectLane } : {})} />
    </div>
  );
}
