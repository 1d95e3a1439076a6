import { Alert, Button, Group, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import {
  type AppliedClinicHours,
  applyClinicHours,
  type ClinicHoursView,
  openRequestsOffHours,
} from '@portalflow/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError } from '../api/client.ts';
import { notifications } from '../shell/notifications.ts';
import { appliedText, applyPreviewText } from './hours.ts';

/**
 * Admins: puts the requests open now on the saved hours, for when the hours were saved without
 * "Also apply to the requests open now" (saving the same hours again would not move them). The
 * confirmation counts what would move first; the saved hours only, so edits on the page wait.
 */
export function ApplyHoursToOpen({
  unsaved,
  onApplied,
}: {
  /** The page has changes not saved yet: they would not be what is applied. */
  unsaved: boolean;
  onApplied: (view: ClinicHoursView) => void;
}) {
  const [open, setOpen] = useState(false);
  const preview = useQuery({
    queryKey: ['clinic-hours', 'open-requests'],
    queryFn: () => call(openRequestsOffHours, {}),
    enabled: open,
    // Counted afresh each time the confirmation opens: requests open and close all day.
    gcTime: 0,
    staleTime: 0,
  });
  const apply = useMutation({
    mutationFn: (revision: number) => call(applyClinicHours, { body: { expectedRevision: revision } }),
    onSuccess: ({ moved, ...view }: AppliedClinicHours) => {
      onApplied(view);
      setOpen(false);
      notifications.show({ color: 'teal', title: 'Current hours applied', message: appliedText(moved) });
    },
  });
  const close = () => {
    setOpen(false);
    apply.reset();
  };
  const changedMeanwhile = apply.error instanceof ApiError && apply.error.status === 409;
  const nothing = preview.data?.requests === 0;

  return (
    <Paper withBorder p="md">
      <Stack gap="xs" align="flex-start">
        <Title order={3} size="h4">
          Requests open now
        </Title>
        <Text size="sm" c="gray.8">
          Saved without “Also apply to the requests open now”? The requests open then still count their
          deadlines in the hours they started with. Apply the current hours to them at any time.
        </Text>
        <Button
          variant="default"
          onClick={() => setOpen(true)}
          disabled={unsaved}
          data-testid="apply-hours-open"
        >
          Apply the current hours to open requests
        </Button>
        {unsaved && (
          <Text size="sm" c="dimmed">
            Save or undo your changes first: this applies the saved hours.
          </Text>
        )}
      </Stack>
      <Modal opened={open} onClose={close} title="Apply the current hours to open requests" centered>
        <Stack gap="md" data-testid="apply-hours-confirm">
          {preview.isPending && <Loader size="sm" role="status" aria-label="Counting the open requests" />}
          {preview.error && (
            <Alert color="red" role="alert" title="Could not count the open requests">
              {preview.error.message}
            </Alert>
          )}
          {preview.data && <Text>{applyPreviewText(preview.data)}</Text>}
          {preview.data && !nothing && (
            <Text size="sm" c="dimmed">
              A deadline a lead set by hand stays where it is.
            </Text>
          )}
          {changedMeanwhile && (
            <Alert color="orange" role="alert" title="The clinic hours changed meanwhile">
              Someone saved or applied the hours since this was counted. Nothing moved; count again to see
              what would.
            </Alert>
          )}
          {apply.error && !changedMeanwhile && (
            <Alert color="red" role="alert" title="Not applied">
              {apply.error instanceof ApiError ? apply.error.message : 'Could not reach the server'}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {nothing ? 'Close' : 'Cancel'}
            </Button>
            {changedMeanwhile ? (
              <Button
                onClick={() => {
                  apply.reset();
                  void preview.refetch();
                }}
              >
                Count again
              </Button>
            ) : (
              !nothing && (
                <Button
                  onClick={() => preview.data && apply.mutate(preview.data.revision)}
                  disabled={!preview.data}
                  loading={apply.isPending}
                  data-testid="apply-hours-confirm-button"
                >
                  {preview.data && preview.data.deadlines > 0
                    ? `Move ${preview.data.deadlines === 1 ? '1 deadline' : `${preview.data.deadlines} deadlines`}`
                    : 'Apply the current hours'}
                </Button>
              )
            )}
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
