import { Box, Button, CloseButton, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { dismissStarted, type StartedNotice, takesFocus, useStartedNotices } from './justStarted.ts';
import { startedText } from './startedText.ts';
import { withdrawRequest } from './withdrawRequest.tsx';
import classes from './work.module.css';

/** How long a notice offers its Withdraw (longer while the pointer is on it or the focus in it). */
export const STARTED_NOTICE_MS = 20_000;

/**
 * "Request started", above the list instead of a toast over it: a toast in the corner covered the
 * queue's rows for its 20 seconds. Two or three lines, for the newest request only (three stacked took
 * most of the list's height on a laptop); it offers Withdraw for a typo or a call logged twice. The
 * older ones keep the same way back in Request status and on their task.
 *
 * The New request dialog closed as it showed, so the notice takes the focus: it is read out, and the
 * next Tab is its Withdraw. Gone with the focus in it (dismissed, withdrawn, timed out), it hands the
 * focus to `onLeft` (back to New request), not to the page.
 */
export function StartedNotices({ onLeft }: { onLeft: () => void }) {
  const [notice] = useStartedNotices();
  if (!notice) return null;
  return <Notice key={notice.instanceId} notice={notice} onLeft={onLeft} />;
}

function Notice({ notice, onLeft }: { notice: StartedNotice; onLeft: () => void }) {
  const client = useQueryClient();
  // Held while the pointer is on it or the focus is in it: a keyboard or screen-reader user reading it
  // and tabbing to Withdraw has as long as they need, as a mouse user has.
  const [pointerIn, setPointerIn] = useState(false);
  const [focusIn, setFocusIn] = useState(false);
  const held = pointerIn || focusIn;
  const box = useRef<HTMLDivElement>(null);
  const textId = useId();
  const { instanceId, label } = notice;
  // Keyed by the notice, not its id: the same request announced again (files attached on a second
  // try) takes the focus again.
  useEffect(() => {
    if (takesFocus(notice.instanceId)) box.current?.focus();
  }, [notice]);
  /** Dismisses it; the focus, if it was in it, goes back to New request instead of the page. */
  const dismiss = () => {
    const hadFocus = box.current?.contains(document.activeElement) ?? false;
    dismissStarted(instanceId);
    if (hadFocus) requestAnimationFrame(onLeft);
  };
  const dismissLater = useRef(dismiss);
  dismissLater.current = dismiss;
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => dismissLater.current(), STARTED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [held]);
  return (
    <Box
      ref={box}
      mx="xs"
      mb="xs"
      px="xs"
      py={6}
      role="status"
      aria-labelledby={textId}
      tabIndex={-1}
      className={classes.startedNotice}
      data-testid="request-started"
      onPointerEnter={() => setPointerIn(true)}
      onPointerLeave={() => setPointerIn(false)}
      // The notice itself takes the focus when the request starts (so it is read out): that alone does
      // not hold it, or it would never close for anyone; a person who moves on to its buttons does.
      onFocus={(e) => {
        if (e.target !== e.currentTarget) setFocusIn(true);
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusIn(false);
      }}
    >
      {/* Floated: the sentence runs under the buttons once past them, two lines where it took four. */}
      <Group gap={4} wrap="nowrap" className={classes.startedNoticeActions}>
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => {
            dismiss();
            void withdrawRequest(client, instanceId, label);
          }}
          data-testid="withdraw-request"
        >
          Withdraw
        </Button>
        <CloseButton size="sm" aria-label="Dismiss" onClick={dismiss} />
      </Group>
      <Text size="sm" lh={1.4} id={textId}>
        <Text span size="sm" fw={700} c="teal.9">
          Request started:
        </Text>{' '}
        {startedText(label, notice.pool, notice.files)}
      </Text>
    </Box>
  );
}
