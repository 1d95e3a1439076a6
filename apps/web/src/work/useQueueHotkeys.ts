import { useHotkeys } from '@mantine/hooks';

interface Options {
  enabled: boolean;
  onMove: (delta: 1 | -1) => void;
  onClaim: () => void;
  onOpen: () => void;
}

/** Focus is somewhere that owns the keyboard (a dialog, a popover, a menu): leave keys alone. */
function inOverlay(): boolean {
  const active = document.activeElement;
  return !!active?.closest('[role="dialog"], [role="menu"], [role="listbox"], [data-no-hotkeys]');
}

/**
 * j / k move through the list, c claims, Enter opens. Ignored while typing in a field (Mantine's
 * useHotkeys skips inputs, textareas and selects) and while a dialog has focus.
 */
export function useQueueHotkeys({ enabled, onMove, onClaim, onOpen }: Options) {
  useHotkeys(
    enabled
      ? [
          ['j', () => !inOverlay() && onMove(1)],
          ['k', () => !inOverlay() && onMove(-1)],
          ['c', () => !inOverlay() && onClaim()],
          [
            'Enter',
            () => {
              // A focused button or link handles Enter itself (a focused row opens on its own click).
              const active = document.activeElement;
              if (active && active !== document.body) return;
              onOpen();
            },
            // Never swallow Enter: buttons and links must still get their click.
            { preventDefault: false },
          ],
        ]
      : [],
  );
}
