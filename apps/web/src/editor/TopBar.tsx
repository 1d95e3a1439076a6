import { ActionIcon, Badge, Button, Group, Menu, Text, Title, Tooltip } from '@mantine/core';
import {
  ChevronDown,
  Download,
  FileCode2,
  FileImage,
  FileJson,
  GitCompare,
  LayoutGrid,
  Play,
  Redo2,
  Save,
  Send,
  Undo2,
  Upload,
  Workflow,
} from 'lucide-react';
import { AMBER_TEXT } from '../work/palette.ts';
import type { ExportKind } from './exporting.ts';
import { draftBadge, publishedBadge } from './versionWords.ts';

export type EditorMode = 'edit' | 'simulate' | 'compare';

export interface TopBarProps {
  title: string;
  /** The version this draft is, when it is the one live. */
  published: number | null;
  /** The version new requests start on, whichever draft is open. */
  live: number | null;
  dirty: boolean;
  mode: EditorMode;
  errors: number;
  /** The first error, in words ("Step “Review the refill”: Due after must be …"): what Publish waits for. */
  firstError?: string;
  canUndo: boolean;
  canRedo: boolean;
  saving: boolean;
  publishing: boolean;
  laying: boolean;
  onImport(): void;
  onUndo(): void;
  onRedo(): void;
  onSave(): void;
  onPublish(): void;
  onMode(mode: EditorMode): void;
  onLayout(): void;
  onExport(kind: ExportKind): void;
}

/** Name, version badge and the commands: Save, Publish, Simulate, Compare, undo/redo, layout, export. */
export function TopBar(p: TopBarProps) {
  const publishReason =
    p.errors > 0
      ? `Fix ${p.errors} ${p.errors === 1 ? 'error' : 'errors'} before publishing${p.firstError ? `. ${p.firstError}` : ''}`
      : p.dirty
        ? 'Saves, then publishes a new version'
        : 'Publish this draft as a new version';
  const editing = p.mode === 'edit';
  return (
    <header className="pf-topbar">
      <Group gap="xs" wrap="nowrap" className="pf-topbar-title">
        <Title order={1} size="h5" className="pf-ellipsis" title={p.title} data-testid="editor-title">
          {p.title}
        </Title>
        {p.published !== null && !p.dirty ? (
          <Badge color="teal" variant="light" style={{ flex: 'none' }} data-testid="version-badge">
            {publishedBadge(p.published)}
          </Badge>
        ) : (
          <Badge color="gray" variant="light" style={{ flex: 'none' }} data-testid="version-badge">
            {draftBadge(p.live)}
          </Badge>
        )}
        {p.dirty && (
          <Text size="xs" c={AMBER_TEXT} fw={600} style={{ flex: 'none' }} data-testid="unsaved-indicator">
            Unsaved
          </Text>
        )}
      </Group>
      <Group gap={6} wrap="nowrap" className="pf-topbar-commands">
        {/* On a narrow editor, Save and Publish join the title's row and the rest start the next. */}
        <span className="pf-topbar-break" aria-hidden />
        <Tooltip label="Undo (Ctrl+Z)">
          <ActionIcon
            variant="default"
            onClick={p.onUndo}
            disabled={!p.canUndo || !editing}
            aria-label="Undo"
            data-testid="undo-button"
          >
            <Undo2 size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Redo (Ctrl+Shift+Z)">
          <ActionIcon
            variant="default"
            onClick={p.onRedo}
            disabled={!p.canRedo || !editing}
            aria-label="Redo"
            data-testid="redo-button"
          >
            <Redo2 size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Lay out automatically (keeps lanes)">
          <ActionIcon
            variant="default"
            onClick={p.onLayout}
            disabled={!editing}
            loading={p.laying}
            aria-label="Auto layout"
            data-testid="layout-button"
          >
            <LayoutGrid size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Button
          size="compact-sm"
          variant={p.mode === 'simulate' ? 'filled' : 'default'}
          leftSection={<Play size={14} aria-hidden />}
          onClick={() => p.onMode(p.mode === 'simulate' ? 'edit' : 'simulate')}
          aria-pressed={p.mode === 'simulate'}
          data-testid="simulate-button"
        >
          Simulate
        </Button>
        <Button
          size="compact-sm"
          variant={p.mode === 'compare' ? 'filled' : 'default'}
          leftSection={<GitCompare size={14} aria-hidden />}
          onClick={() => p.onMode(p.mode === 'compare' ? 'edit' : 'compare')}
          aria-pressed={p.mode === 'compare'}
          data-testid="compare-button"
        >
          Compare
        </Button>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<Download size={14} aria-hidden />}
              rightSection={<ChevronDown size={12} aria-hidden />}
              data-testid="export-menu"
            >
              Export
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              leftSection={<FileJson size={14} aria-hidden />}
              onClick={() => p.onExport('json')}
              data-testid="export-json"
            >
              Definition (JSON)
            </Menu.Item>
            <Menu.Item
              leftSection={<Workflow size={14} aria-hidden />}
              onClick={() => p.onExport('bpmn')}
              data-testid="export-bpmn"
            >
              BPMN 2.0, one pool (.bpmn)
            </Menu.Item>
            <Menu.Item
              leftSection={<Workflow size={14} aria-hidden />}
              onClick={() => p.onExport('bpmn-pools')}
              data-testid="export-bpmn-pools"
            >
              BPMN 2.0, a pool per department (.bpmn)
            </Menu.Item>
            <Menu.Item
              leftSection={<FileImage size={14} aria-hidden />}
              onClick={() => p.onExport('svg')}
              data-testid="export-svg"
            >
              Diagram (SVG)
            </Menu.Item>
            <Menu.Item
              leftSection={<FileImage size={14} aria-hidden />}
              onClick={() => p.onExport('png')}
              data-testid="export-png"
            >
              Diagram (PNG)
            </Menu.Item>
            <Menu.Item
              leftSection={<FileCode2 size={14} aria-hidden />}
              onClick={() => p.onExport('mermaid')}
              data-testid="export-mermaid"
            >
              Mermaid text
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Tooltip label="Import a workflow file (JSON or BPMN 2.0) into this workflow">
          <ActionIcon
            variant="default"
            onClick={p.onImport}
            disabled={!editing}
            aria-label="Import a workflow file (JSON or BPMN)"
            data-testid="import-button"
          >
            <Upload size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Button
          size="compact-sm"
          variant={p.dirty ? 'filled' : 'default'}
          leftSection={<Save size={14} aria-hidden />}
          onClick={p.onSave}
          loading={p.saving}
          disabled={!p.dirty}
          className="pf-topbar-save"
          data-testid="save-button"
        >
          Save
        </Button>
        <Tooltip label={publishReason}>
          {/* A disabled button gets no hover events: the wrapper carries the tooltip and the reason. */}
          <span className="pf-topbar-save">
            <span id="pf-publish-reason" className="visually-hidden">
              {publishReason}
            </span>
            <Button
              aria-describedby="pf-publish-reason"
              size="compact-sm"
              color="teal"
              leftSection={<Send size={14} aria-hidden />}
              onClick={p.onPublish}
              loading={p.publishing}
              disabled={p.errors > 0 || p.mode !== 'edit'}
              data-testid="publish-button"
            >
              Publish
            </Button>
          </span>
        </Tooltip>
      </Group>
    </header>
  );
}
