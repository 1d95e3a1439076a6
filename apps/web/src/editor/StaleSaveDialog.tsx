import { Alert, Button, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { listPeople } from '@portalflow/contract';
import { type Definition, PortalflowError, parseDefinition } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { call } from '../api/call.ts';
import type { Draft, Me } from '../api/types.ts';
import { diffVersions } from '../model/diff.ts';
import { rebaseDocument } from '../model/rebase.ts';
import { formatWhen } from '../shell/time.ts';
import { personName } from '../work/personName.ts';
import { ChangeList } from './ChangeList.tsx';
import { definitionJson } from './exporting.ts';
import { toast } from './toast.ts';
import { useEditorStore } from './useEditorStore.ts';
import { baseFrom } from './useLoadDraft.ts';

/** Who saved, from the colleague directory; "you" for your own other window. */
function useSaverName(userId: string | null): string {
  const me = useQuery<Me | null>({ queryKey: ['me'], enabled: false });
  const people = useQuery({
    queryKey: ['people'],
    queryFn: () => call(listPeople, {}),
    retry: false,
    staleTime: 5 * 60_000,
    enabled: !!userId,
  });
  if (!userId) return 'Someone';
  if (me.data?.user.id === userId) return 'You (in another window)';
  const person = people.data?.people.find((u) => u.id === userId);
  return person ? personName(person) : 'Another designer';
}

function parseOrNull(value: unknown): Definition | null {
  try {
    return parseDefinition(value);
  } catch (error) {
    if (error instanceof PortalflowError) return null;
    throw error;
  }
}

/**
 * Shown when a save is refused because someone saved after we opened the workflow: who and when,
 * what they changed, and the ways forward — none of which overwrites their work unseen.
 */
export function StaleSaveDialog({
  theirs,
  onClose,
  onShowOnCanvas,
}: {
  theirs: Draft;
  onClose: () => void;
  onShowOnCanvas: (theirs: Definition) => void;
}) {
  const base = useEditorStore((s) => s.base);
  const mine = useEditorStore((s) => s.document);
  const load = useEditorStore((s) => s.load);
  const who = useSaverName(theirs.updatedBy);
  const [busy, setBusy] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const theirDefinition = useMemo(() => parseOrNull(theirs.definition), [theirs]);
  const diff = useMemo(
    () => (base && theirDefinition ? diffVersions(base.document.definition, theirDefinition) : null),
    [base, theirDefinition],
  );
  if (!base || !mine) return null;

  const openTheirs = async () => {
    setBusy(true);
    try {
      load(await baseFrom(theirs));
      onClose();
      toast({
        color: 'teal',
        title: 'Their version is open',
        message: 'Your unsaved changes were discarded.',
      });
    } finally {
      setBusy(false);
    }
  };
  const mergeMine = async () => {
    setBusy(true);
    try {
      const theirBase = await baseFrom(theirs);
      const { document, conflicts } = rebaseDocument(base.document, mine, theirBase.document);
      load(theirBase, document);
      onClose();
      toast({
        color: conflicts.length ? 'orange' : 'teal',
        title: 'Your changes are on top of theirs',
        message: conflicts.length
          ? `You both changed ${conflicts.join(', ')}; yours were kept there. Review, then save.`
          : 'Nothing clashed. Review, then save.',
        autoClose: conflicts.length ? false : 6000,
      });
    } finally {
      setBusy(false);
    }
  };
  const copyMine = async () => {
    const text = JSON.stringify({ definition: mine.definition, layout: mine.layout }, null, 2);
    try {
      await navigator.clipboard.writeText(text);
      toast({
        color: 'teal',
        title: 'Copied',
        message: 'Your version is on the clipboard as JSON.',
      });
    } catch {
      const blob = new Blob([definitionJson(mine)], { type: 'application/json' });
      window.open(URL.createObjectURL(blob), '_blank');
    }
  };

  return (
    <Modal
      className="pf-contrast"
      opened
      onClose={onClose}
      title="Someone else saved this workflow"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
      data-testid="stale-save-dialog"
    >
      <Stack gap="sm">
        <Text data-testid="stale-save-message">
          <b>{who}</b> saved this workflow at <b>{formatWhen(theirs.updatedAt)}</b> after you opened it. Your
          changes are not saved yet, and theirs were not overwritten.
        </Text>
        <Text size="sm" fw={600}>
          What they changed (since you opened it)
        </Text>
        <ScrollArea.Autosize mah={220} type="auto">
          {diff && theirDefinition ? (
            <ChangeList diff={diff} before={base.document.definition} after={theirDefinition} />
          ) : (
            <Alert color="orange">
              Their draft is not a complete definition yet, so it cannot be compared step by step.
            </Alert>
          )}
        </ScrollArea.Autosize>
        <Group gap="xs">
          <Button
            variant="light"
            disabled={!theirDefinition}
            onClick={() => theirDefinition && onShowOnCanvas(theirDefinition)}
            data-testid="stale-show-theirs"
          >
            Show their changes on the canvas
          </Button>
          <Button onClick={mergeMine} loading={busy} disabled={!theirDefinition} data-testid="stale-merge">
            Put my changes on top of theirs
          </Button>
        </Group>
        <Group gap="xs">
          <Button variant="default" onClick={copyMine} data-testid="stale-copy-mine">
            Copy my version as JSON
          </Button>
          {confirmDiscard ? (
            <Button color="red" onClick={openTheirs} loading={busy} data-testid="stale-open-theirs-confirm">
              Discard my changes and open theirs
            </Button>
          ) : (
            <Button
              variant="default"
              onClick={() => setConfirmDiscard(true)}
              disabled={!theirDefinition}
              data-testid="stale-open-theirs"
            >
              Open theirs…
            </Button>
          )}
          <Button variant="subtle" onClick={onClose} ml="auto">
            Keep editing
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
