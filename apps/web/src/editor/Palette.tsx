import { Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { StepKind } from '@portalflow/engine';
import { Circle, Diamond, Hourglass, RectangleHorizontal, Split } from 'lucide-react';
import type { DragEvent, ReactNode } from 'react';
import { PALETTE_MIME } from '../canvas/EditableDiagram.tsx';

const KINDS: Array<{ kind: StepKind; label: string; help: string; icon: ReactNode }> = [
  {
    kind: 'task',
    label: 'Task',
    help: 'Work one role does, finished by choosing an outcome',
    icon: <RectangleHorizontal size={20} aria-hidden />,
  },
  {
    kind: 'decision',
    label: 'Decision',
    help: 'An automatic choice on the request’s answers',
    icon: <Diamond size={20} aria-hidden />,
  },
  {
    kind: 'parallel',
    label: 'Parallel',
    help: 'Branches that run at the same time, then join',
    icon: <Split size={20} aria-hidden />,
  },
  {
    kind: 'wait',
    label: 'Wait',
    help: 'Wait for a signal (the patient replied) or a time',
    icon: <Hourglass size={20} aria-hidden />,
  },
  {
    kind: 'end',
    label: 'End',
    help: 'The request is finished',
    icon: <Circle size={20} strokeWidth={3} aria-hidden />,
  },
];

/** Step kinds, a row over the diagram: click to add beside the selection, or drag into a lane. */
export function Palette({ onAdd, disabled }: { onAdd: (kind: StepKind) => void; disabled: boolean }) {
  const onDragStart = (kind: StepKind) => (event: DragEvent) => {
    event.dataTransfer.setData(PALETTE_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="pf-palette" aria-label="Step kinds">
      <Text size="xs" c="dimmed" fw={600} className="pf-palette-heading">
        Add step
      </Text>
      <Stack gap={4} className="pf-palette-kinds">
        {KINDS.map((k) => (
          <Tooltip
            key={k.kind}
            label={`${k.help}. Click to add, or drag into a lane.`}
            position="bottom"
            multiline
            w={220}
            openDelay={400}
          >
            <UnstyledButton
              className="pf-palette-item"
              draggable={!disabled}
              onDragStart={onDragStart(k.kind)}
              onClick={() => onAdd(k.kind)}
              disabled={disabled}
              aria-label={`Add a ${k.label.toLowerCase()} step`}
              data-testid={`palette-${k.kind}`}
            >
              {k.icon}
              <span>{k.label}</span>
            </UnstyledButton>
          </Tooltip>
        ))}
      </Stack>
    </nav>
  );
}
