import { Alert, Button, Center, List, Loader, Stack, Text } from '@mantine/core';
import type { StepKind } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { toast } from './toast.ts';
import '../canvas/index.ts';
import { type CanvasSelection, EditableDiagram } from '../canvas/EditableDiagram.tsx';
import { whenIdle } from '../canvas/idle.ts';
import { layoutInWorker } from '../canvas/layoutInWorker.ts';
import { canonical } from '../model/canonical.ts';
import type { Change } from '../model/changes.ts';
import { diffOverlay } from '../model/diff.ts';
import { readLayout, type StepPosition } from '../model/document.ts';
import type { Lane } from '../model/lanes.ts';
import { problemSubject } from '../model/problemSubject.ts';
import { countOf } from '../shell/plural.ts';
import { BpmnImportReport, type BpmnReport } from './BpmnImportReport.tsx';
import { ComparePanel, type Side } from './ComparePanel.tsx';
import { type ExportKind, exportBpmn, exportJson, exportMermaid, exportPng, exportSvg } from './exporting.ts';
import { type Imported, useDefinitionImport } from './ImportButton.tsx';
import { FoldInspector, InspectorStrip } from './InspectorFold.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { LintPanel } from './LintPanel.tsx';
import { Palette } from './Palette.tsx';
import { PublishConfirm } from './PublishConfirm.tsx';
import { SimulatePanel } from './SimulatePanel.tsx';
import { StaleSaveDialog } from './StaleSaveDialog.tsx';
import { type EditorMode, TopBar } from './TopBar.tsx';
import { useDirty, useDraftActions } from './useDraftActions.ts';
import { useEditorCommands } from './useEditorCommands.ts';
import { useEditorKeys } from './useEditorKeys.ts';
import { useEditorStore } from './useEditorStore.ts';
import { useHeldRoles } from './useHeldRoles.ts';
import { useInspectorFolded } from './useInspectorFolded.ts';
import { useKeepWork } from './useKeepWork.ts';
import { type DefinitionResponse, documentFrom, useLoadDraft } from './useLoadDraft.ts';
import { useSimulation } from './useSimulation.ts';
import './editor.css';

export function EditorPage() {
  const { id = '' } = useParams();
  const { query, ready, issues } = useLoadDraft(id);
  if (query.isPending || (!ready && !issues && query.data?.draft))
    return (
      <Center h="100%">
        <Loader role="status" aria-label="Loading the workflow" />
      </Center>
    );
  if (query.isError || !query.data?.draft)
    return (
      <Center h="100%">
        <Alert color="red" title="This workflow cannot be opened">
          {query.error instanceof Error ? query.error.message : 'There is no draft of this workflow.'}
        </Alert>
      </Center>
    );
  if (issues)
    return (
      <Center h="100%" p="md">
        <Alert color="red" title="The saved draft cannot be opened as a workflow" maw={640}>
          <List size="sm">
            {issues.map((i) => (
              <List.Item key={`${i.path}:${i.message}`}>
                <code>{i.path || '(the whole workflow)'}</code> — {i.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      </Center>
    );
  return (
    <ReactFlowProvider>
      {/* The frame's width, not the screen's, decides where the panels go (see editor.css). */}
      <div className="pf-editor-frame">
        <Editor key={id} id={id} />
      </div>
    </ReactFlowProvider>
  );
}

function Editor({ id }: { id: string }) {
  const document = useEditorStore((s) => s.document)!;
  const base = useEditorStore((s) => s.base)!;
  const findings = useEditorStore((s) => s.findings);
  const overlay = useEditorStore((s) => s.overlay);
  const selection = useEditorStore((s) => s.selection);
  const focus = useEditorStore((s) => s.focus);
  const canUndo = useEditorStore((s) => s.canUndo);
  const canRedo = useEditorStore((s) => s.canRedo);
  const { apply, undo, redo, select } = useEditorStore.getState();
  useHeldRoles();
  useKeepWork(id);
  const dirty = useDirty();
  // Closing or reloading the tab with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const { save, publish, saving, publishing, conflict, clearConflict } = useDraftActions(id);
  const commands = useEditorCommands();
  const root = useRef<HTMLDivElement>(null);
  useEditorKeys(root, commands);
  const [mode, setMode] = useState<EditorMode>('edit');
  const [pair, setPair] = useState<{ before: Side; after: Side } | null>(null);
  const [initialPair, setInitialPair] = useState<{ before: Side; after: Side } | undefined>();
  const [laying, setLaying] = useState(false);
  const [confirmingPublish, setConfirmingPublish] = useState(false);
  // The inspector (its pickers, the role catalog, the start form) is drawn once the canvas has put
  // its first boxes on screen: a lead opening a large workflow sees the diagram first.
  const [inspecting, setInspecting] = useState(false);
  const cancelInspect = useRef<() => void>(undefined);
  const onViewPlaced = useCallback(() => {
    cancelInspect.current = whenIdle(() => setInspecting(true));
  }, []);
  useEffect(() => () => cancelInspect.current?.(), []);
  // A BPMN file imported from the workflow list arrives with its report in the navigation state.
  const location = useLocation();
  const [bpmnReport, setBpmnReport] = useState<BpmnReport | null>(
    () => (location.state as { bpmnReport?: BpmnReport } | null)?.bpmnReport ?? null,
  );
  // The cached GET of this workflow (kept current by publish) tells which version is live.
  const latest =
    useQuery<DefinitionResponse>({ queryKey: ['definition', id], enabled: false, gcTime: 0 }).data?.latest ??
    null;
  const live = latest?.version ?? null;
  const published = useMemo(
    () =>
      latest && canonical(latest.definition) === canonical(base.document.definition) ? latest.version : null,
    [latest, base],
  );
  const sim = useSimulation(document.definition, mode === 'simulate');
  const inspector = useInspectorFolded(selection);
  const folded = mode === 'edit' && inspector.folded;

  const onChanges = useCallback(
    (changes: Change[], options?: { squash?: string }) => apply(changes, options),
    [apply],
  );
  const onSelect = useCallback((s: CanvasSelection) => select(s), [select]);
  const onSelectLane = useCallback((role: string) => select({ steps: [], edges: [], role }), [select]);
  const onDropKind = useCallback(
    (kind: StepKind, lane: Lane, position: StepPosition) => commands.addStep(kind, { lane, position }),
    [commands],
  );
  const onCompare = useCallback((p: { before: Side; after: Side } | null) => setPair(p), []);

  const diff = useMemo(() => {
    if (mode !== 'compare' || !pair) return null;
    const o = diffOverlay(
      pair.before.definition,
      pair.before.layout,
      pair.after.definition,
      pair.after.layout,
    );
    return { overlay: o, decorations: { steps: o.steps, edges: o.edges, notes: o.notes } };
  }, [mode, pair]);

  const relayout = async () => {
    setLaying(true);
    try {
      const layout = await layoutInWorker('tidy', document.definition, document.layout);
      // A diagram already laid out so comes back unchanged: nothing to apply, nothing unsaved.
      const changes: Change[] = Object.entries(layout.positions)
        .filter(([stepId, p]) => {
          const before = document.layout.positions[stepId];
          return (
            !before ||
            before.x !== p.x ||
            before.y !== p.y ||
            before.lane !== p.lane ||
            before.pinned !== p.pinned
          );
        })
        .map(([stepId, position]) => ({ type: 'moveStep', id: stepId, position }));
      if (changes.length === 0) {
        toast({
          title: 'Already laid out',
          message: 'Every step is where Auto layout puts it: the layout is unchanged.',
        });
        return;
      }
      if (!apply(changes, { label: 'Auto layout' })) return;
      // The whole diagram moved: the view goes back to its opening one, the workflow from its start.
      setRefits((n) => n + 1);
      const byHand = Object.entries(document.layout.positions).filter(
        ([stepId, p]) => p.pinned && document.definition.steps[stepId],
      ).length;
      if (byHand > 0)
        toast({
          title: 'Every step laid out',
          message: `Also the ${countOf(byHand, 'step')} you placed by hand. Undo puts ${byHand === 1 ? 'it' : 'them'} back.`,
        });
    } finally {
      setLaying(false);
    }
  };

  // Each import and each Auto layout refits the view to the new diagram.
  const [refits, setRefits] = useState(0);
  const importDefinition = async ({ definition, layout, report }: Imported) => {
    const renamed = definition.id === id ? definition : { ...definition, id };
    const fullReport = report && report.skipped.length === 0 && report.warnings.length === 0;
    // One message in words: what now fills the draft, and that it stays this workflow (its own link).
    if (renamed !== definition || fullReport)
      toast({
        color: 'teal',
        title: 'Imported into this workflow',
        message: `${fullReport ? `Every element of ${report.file} was imported. ` : ''}${
          renamed !== definition
            ? `The steps of “${definition.title}” from the file now fill this draft; the workflow it came from is not changed. Undo takes the import back.`
            : 'Undo takes the import back.'
        }`,
      });
    apply([{ type: 'replaceAll', document: await documentFrom(renamed, layout ?? null) }], {
      select: { steps: [], edges: [] },
    });
    setRefits((n) => n + 1);
    if (report && (report.skipped.length > 0 || report.warnings.length > 0)) setBpmnReport(report);
  };

  const importer = useDefinitionImport((imported) => void importDefinition(imported));

  const restore = async (side: Side) => {
    const restored = await documentFrom({ ...side.definition, id }, side.layout);
    if (
      apply([{ type: 'replaceAll', document: restored }], { label: `Restore ${side.label}` }) &&
      (await save())
    ) {
      toast({
        color: 'teal',
        title: `${side.label} restored as the draft`,
        message: 'Undo brings your previous draft back.',
      });
      setMode('edit');
    }
  };

  const onExport = (kind: ExportKind) => {
    if (kind === 'json') exportJson(document);
    else if (kind === 'bpmn') exportBpmn(document);
    else if (kind === 'bpmn-pools') exportBpmn(document, 'department');
    else if (kind === 'svg') exportSvg(document);
    else if (kind === 'mermaid') exportMermaid(document);
    else
      exportPng(document).catch((e: Error) =>
        toast({ color: 'red', title: 'PNG export failed', message: e.message }),
      );
  };

  const canvasDoc = mode === 'compare' && diff ? diff.overlay : document;
  const firstErrorAt = findings.findIndex((f) => f.severity === 'error');
  const firstError =
    firstErrorAt < 0
      ? undefined
      : `${problemSubject(document.definition, findings[firstErrorAt]!, overlay?.targets[firstErrorAt] ?? {})}: ${findings[firstErrorAt]!.message}`;
  return (
    <div
      className={`pf-editor pf-contrast${folded ? ' pf-side-folded' : ''}`}
      ref={root}
      data-testid="editor"
    >
      <TopBar
        title={document.definition.title}
        published={published}
        live={live}
        dirty={dirty}
        mode={mode}
        errors={overlay?.errors ?? 0}
        {...(firstError ? { firstError } : {})}
        canUndo={canUndo}
        canRedo={canRedo}
        saving={saving}
        publishing={publishing}
        laying={laying}
        onImport={importer.pick}
        onUndo={undo}
        onRedo={redo}
        onSave={() => void save()}
        onPublish={() => setConfirmingPublish(true)}
        onMode={(m) => {
          setInitialPair(undefined);
          setMode(m);
        }}
        onLayout={() => void relayout()}
        onExport={onExport}
      />
      <Palette onAdd={(kind) => commands.addStep(kind)} disabled={mode !== 'edit'} />
      {/* A region, not a second main: the app's frame already holds the page's one main landmark. */}
      <section className="pf-canvas" aria-label="Diagram">
        <EditableDiagram
          definition={canvasDoc.definition}
          layout={canvasDoc.layout}
          overlay={mode === 'edit' ? overlay : null}
          selection={mode === 'edit' ? selection : EMPTY}
          {...(mode === 'simulate' ? { highlight: sim.highlight } : {})}
          {...(diff ? { diff: diff.decorations } : {})}
          readOnly={mode !== 'edit'}
          focus={focus}
          fitKey={`${id}:${mode}:${refits}`}
          onViewPlaced={onViewPlaced}
          onChanges={onChanges}
          onSelect={onSelect}
          onSelectLane={onSelectLane}
          onDropKind={onDropKind}
          onConnect={commands.connect}
        />
      </section>
      {folded && <InspectorStrip onOpen={inspector.open} />}
      {mode === 'edit' && !folded && !inspecting && (
        <aside className="pf-inspector" aria-label="Inspector" aria-busy />
      )}
      {mode === 'edit' && !folded && inspecting && (
        <Inspector
          document={document}
          selection={selection}
          onDelete={commands.deleteSelection}
          onCopy={commands.copy}
        />
      )}
      {mode === 'edit' && !folded && <FoldInspector onFold={inspector.fold} />}
      {mode === 'simulate' && <SimulatePanel definition={document.definition} sim={sim} />}
      {mode === 'compare' && (
        <ComparePanel
          id={id}
          draft={document}
          {...(initialPair ? { initial: initialPair } : {})}
          onCompare={onCompare}
          onRestore={(side) => void restore(side)}
          onClose={() => setMode('edit')}
        />
      )}
      <LintPanel
        definition={document.definition}
        findings={findings}
        overlay={overlay}
        onPick={(target) => {
          setMode('edit');
          if (target.edge) select({ steps: [], edges: [target.edge] });
          else if (target.step) select({ steps: [target.step], edges: [] }, true);
          else if (target.role) select({ steps: [], edges: [], role: target.role });
          else if (target.workflow) select({ steps: [], edges: [] });
        }}
      />
      {importer.element}
      <PublishConfirm
        opened={confirmingPublish}
        latest={latest}
        draft={document.definition}
        unstaffed={findings.filter((f) => f.rule === 'unheld-role').map((f) => f.message)}
        publishing={publishing}
        onClose={() => setConfirmingPublish(false)}
        onConfirm={() => void publish(dirty).finally(() => setConfirmingPublish(false))}
      />
      {bpmnReport && <BpmnImportReport report={bpmnReport} onClose={() => setBpmnReport(null)} />}
      {conflict && (
        <StaleSaveDialog
          theirs={conflict}
          onClose={clearConflict}
          onShowOnCanvas={(theirs) => {
            setInitialPair({
              before: {
                label: 'when you opened it',
                definition: base.document.definition,
                layout: base.document.layout,
              },
              after: { label: 'their save', definition: theirs, layout: readLayout(conflict.layout) },
            });
            setMode('compare');
            clearConflict();
          }}
        />
      )}
      {Object.keys(document.definition.steps).length === 0 && mode === 'edit' && (
        <Stack className="pf-empty-canvas" gap={4} align="center">
          <Text fw={600}>This workflow has no steps yet</Text>
          <Text size="sm">Drag a Task from the palette into a lane, or click it to add one.</Text>
          <Button size="compact-sm" onClick={() => commands.addStep('task')}>
            Add the first task
          </Button>
        </Stack>
      )}
    </div>
  );
}

const EMPTY: CanvasSelection = { steps: [], edges: [] };
