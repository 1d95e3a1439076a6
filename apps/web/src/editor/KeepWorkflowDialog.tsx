import { List, Text } from '@mantine/core';
import {
  bringBackDefinition,
  type DefinitionSummary,
  deleteDefinition,
  listRunning,
  retireDefinition,
} from '@portalflow/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../accounts/ConfirmDialog.tsx';
import { call } from '../api/call.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import type { KeepingAction } from './keepingAction.ts';
import { toast } from './toast.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Running({ id }: { id: string }) {
  const running = useQuery({
    queryKey: ['definitions', id, 'running'],
    queryFn: () => call(listRunning, { params: { id } }).then((r) => r.versions),
  });
  if (!running.data) return null;
  const total = running.data.reduce((n, v) => n + v.running, 0);
  return (
    <List.Item data-testid="keep-running">
      {total === 0
        ? 'No request is running on it now.'
        : `${plural(total, 'request is', 'requests are')} still running on it: ${total === 1 ? 'it finishes' : 'they finish'} as ${total === 1 ? 'it' : 'they'} started, with ${total === 1 ? 'its' : 'their'} tasks and deadlines.`}
    </List.Item>
  );
}

/** Deleting a scratch draft, retiring a published workflow or bringing it back, said in words first. */
export function KeepWorkflowDialog({
  workflow,
  action,
  onClose,
}: {
  workflow: DefinitionSummary;
  action: KeepingAction;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const params = { params: { id: workflow.id } };
  const run = async () => {
    setBusy(true);
    try {
      if (action === 'delete') await call(deleteDefinition, params);
      else if (action === 'retire')
        await call(retireDefinition, { ...params, idempotencyKey: newIdempotencyKey() });
      else await call(bringBackDefinition, { ...params, idempotencyKey: newIdempotencyKey() });
      toast({
        color: 'teal',
        title:
          action === 'delete'
            ? `“${workflow.title}” deleted`
            : action === 'retire'
              ? `“${workflow.title}” retired`
              : `“${workflow.title}” is in use again`,
        message:
          action === 'delete'
            ? 'The draft is gone from the list.'
            : action === 'retire'
              ? 'No new request starts it. “Show retired” lists it.'
              : 'New requests can start it again.',
      });
      void client.invalidateQueries({ queryKey: ['definitions'] });
      onClose();
    } catch (error) {
      toast({
        color: 'red',
        title: 'Not done',
        message: error instanceof ApiError || error instanceof Error ? error.message : String(error),
      });
    } finally {
      setBusy(false);
    }
  };
  const title =
    action === 'delete'
      ? `Delete the draft “${workflow.title}”?`
      : action === 'retire'
        ? `Retire “${workflow.title}”?`
        : `Bring “${workflow.title}” back?`;
  return (
    <ConfirmDialog
      opened
      title={title}
      confirm={action === 'delete' ? 'Delete draft' : action === 'retire' ? 'Retire workflow' : 'Bring back'}
      color={action === 'bring-back' ? 'teal.9' : 'red.9'}
      busy={busy}
      onConfirm={() => void run()}
      onClose={onClose}
      testId="keep-workflow-dialog"
    >
      {action === 'delete' ? (
        <Text size="sm">
          It was never published, so no request ever ran on it. The draft and its diagram are deleted; this
          cannot be undone.
        </Text>
      ) : action === 'retire' ? (
        <List size="sm" spacing={4}>
          <List.Item>No new request can start it, from New request or from the portal.</List.Item>
          <Running id={workflow.id} />
          <List.Item>
            It leaves New request and this list. Its versions and requests stay for the audit history and
            replay; “Show retired” lists it and can bring it back.
          </List.Item>
        </List>
      ) : (
        <Text size="sm">
          New requests can start it again, on its latest version (version {workflow.latestVersion}).
        </Text>
      )}
    </ConfirmDialog>
  );
}
