import { ActionIcon, Tooltip, UnstyledButton } from '@mantine/core';
import { PanelRightClose, PanelRightOpen } from 'lucide-react';

/** The button at the open inspector's top corner that folds it to a strip. */
export function FoldInspector({ onFold }: { onFold: () => void }) {
  return (
    <Tooltip label="Fold the inspector: the diagram gets its room" position="left">
      <ActionIcon
        className="pf-inspector-fold"
        variant="subtle"
        color="gray"
        onClick={onFold}
        aria-label="Fold the inspector"
        data-testid="inspector-fold"
      >
        <PanelRightClose size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}

/**
 * The folded inspector: a thin strip at the diagram's side (under it on a narrow screen) whose one
 * button opens it again. Choosing something on the diagram opens it too.
 */
export function InspectorStrip({ onOpen }: { onOpen: () => void }) {
  return (
    <aside className="pf-inspector pf-inspector-strip" aria-label="Inspector (folded)">
      <UnstyledButton
        className="pf-inspector-open"
        onClick={onOpen}
        title="Open the inspector: the workflow's settings, or the chosen step's"
        aria-label="Open the inspector"
        data-testid="inspector-open"
      >
        <PanelRightOpen size={18} aria-hidden />
        <span className="pf-inspector-strip-label">Inspector</span>
      </UnstyledButton>
    </aside>
  );
}
