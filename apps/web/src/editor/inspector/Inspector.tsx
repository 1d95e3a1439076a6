import { Badge, Button, Group, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Step } from '@portalflow/engine';
import { Copy, Flag, Trash2 } from 'lucide-react';
import { memo } from 'react';
import type { EditorDocument } from '../../model/document.ts';
import { countOf } from '../../shell/plural.ts';
import { retitleStep } from '../retitleStep.ts';
import type { Selection } from '../useEditorStore.ts';
import { useEditorStore } from '../useEditorStore.ts';
import { useIdFixed, useStepPatch } from './common.ts';
import { DecisionFields } from './DecisionFields.tsx';
import { EdgeInspector } from './EdgeInspector.tsx';
import { EndFields, ParallelFields, WaitFields } from './OtherFields.tsx';
import { RoleEditor } from './RoleEditor.tsx';
import { StepId } from './StepId.tsx';
import { TaskFields } from './TaskFields.tsx';
import { WorkflowInspector } from './WorkflowInspector.tsx';

const KIND_NAME: Record<Step['type'], string> = {
  task: 'Task',
  decision: 'Decision',
  parallel: 'Parallel',
  wait: 'Wait',
  end: 'End',
};

function StepInspector({ id, document }: { id: string; document: EditorDocument }) {
  const { definition } = document;
  const step = definition.steps[id]!;
  const patch = useStepPatch(id);
  const apply = useEditorStore((s) => s.apply);
  const frozen = useIdFixed(definition.id, id);
  const reslug = () => retitleStep(id, frozen);
  return (
    <Stack gap={10}>
      <Group justify="space-between" wrap="nowrap">
        <Badge variant="light" size="lg">
          {KIND_NAME[step.type]}
        </Badge>
        {definition.start === id ? (
          <Badge variant="outline" leftSection={<Flag size={12} aria-hidden />}>
            Start
          </Badge>
        ) : (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<Flag size={12} aria-hidden />}
            onClick={() => apply([{ type: 'setStart', id }])}
          >
            Make start
          </Button>
        )}
      </Group>
      <TextInput
        size="xs"
        label="Title"
        required={step.type === 'task'}
        value={step.title ?? ''}
        onChange={(e) =>
          patch({ title: e.currentTarget.value || (step.type === 'task' ? '' : undefined) }, 'title')
        }
        onBlur={reslug}
        onKeyDown={(e) => e.key === 'Enter' && reslug()}
        error={step.type === 'task' && !step.title ? 'A task needs a title' : undefined}
        data-testid="inspector-title"
      />
      <StepId key={id} id={id} definition={definition} frozen={frozen} />
      {step.type === 'task' && <TaskFields id={id} step={step} definition={definition} />}
      {step.type === 'decision' && <DecisionFields id={id} step={step} definition={definition} />}
      {step.type === 'parallel' && <ParallelFields id={id} step={step} definition={definition} />}
      {step.type === 'wait' && <WaitFields id={id} step={step} definition={definition} />}
      {step.type === 'end' && <EndFields id={id} step={step} />}
    </Stack>
  );
}

/**
 * The inspector of the selection (or of the workflow). Drawn again only when the document or the
 * selection changes: a lint result or an undo-state change elsewhere in the editor leaves it alone.
 */
export const Inspector = memo(function Inspector({
  document,
  selection,
  onDelete,
  onCopy,
}: {
  document: EditorDocument;
  selection: Selection;
  onDelete: () => void;
  onCopy: () => void;
}) {
  const { definition, layout } = document;
  let heading = 'Workflow';
  let body: React.ReactNode;
  const role =
    selection.role !== undefined ? definition.roles.find((r) => r.id === selection.role) : undefined;
  if (selection.steps.length === 1 && selection.edges.length === 0) {
    const id = selection.steps[0]!;
    heading = 'Step';
    body = <StepInspector key={id} id={id} document={document} />;
  } else if (selection.steps.length > 1 || (selection.steps.length > 0 && selection.edges.length > 0)) {
    heading = 'Selection';
    body = (
      <Stack gap={8}>
        <Text size="sm">
          {countOf(selection.steps.length, 'step')}
          {selection.edges.length ? ` and ${countOf(selection.edges.length, 'arrow')}` : ''} selected.
        </Text>
        <Group gap={6}>
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<Copy size={14} aria-hidden />}
            onClick={onCopy}
          >
            Copy
          </Button>
          <Button
            size="compact-sm"
            color="red"
            variant="light"
            leftSection={<Trash2 size={14} aria-hidden />}
            onClick={onDelete}
          >
            Delete
          </Button>
        </Group>
      </Stack>
    );
  } else if (selection.edges.length === 1) {
    heading = 'Arrow';
    body = <EdgeInspector key={selection.edges[0]} path={selection.edges[0]!} definition={definition} />;
  } else if (role) {
    heading = 'Lane';
    body = <RoleEditor role={role} definition={definition} layout={layout} />;
  } else {
    body = <WorkflowInspector definition={definition} layout={layout} />;
  }
  return (
    <aside className="pf-inspector" aria-label="Inspector" data-testid="inspector">
      <Title order={2} size="h5" px="sm" pt="xs" pb={4}>
        {heading}
      </Title>
      <ScrollArea className="pf-inspector-scroll" type="auto" offsetScrollbars>
        <div className="pf-inspector-body">{body}</div>
      </ScrollArea>
    </aside>
  );
});
