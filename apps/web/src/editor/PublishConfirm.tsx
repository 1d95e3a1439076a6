import { Alert, Anchor, Button, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { listRunning } from '@portalflow/contract';
import type { Definition } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { call } from '../api/call.ts';
import { publishSummary } from '../model/publishSummary.ts';
import { runningWords } from '../model/runningWords.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function Section({ label, items, testId }: { label: string; items: string[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <div data-testid={testId}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <List size="sm" spacing={2}>
        {items.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
    </div>
  );
}

/**
 * How many requests stay on each older version (they finish as they started), and where a lead can
 * move them after publishing.
 */
function RunningRequests({ definitionId, next }: { definitionId: string; next: number }) {
  const running = useQuery({
    queryKey: ['definitions', definitionId, 'running'],
    queryFn: () => call(listRunning, { params: { id: definitionId } }).then((r) => r.versions),
  });
  if (!running.data) return null;
  const lines = runningWords(running.data, next);
  const any = running.data.some((r) => r.running > 0 && r.version < next);
  return (
    <div data-testid="publish-running">
      <Text size="sm" fw={600}>
        Requests already running
      </Text>
      <List size="sm" spacing={2}>
        {lines.map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      {any && (
        <Text size="xs" mt={4}>
          After publishing you can{' '}
          <Anchor component={Link} to={`/workflows/${encodeURIComponent(definitionId)}/migrate`} size="xs">
            move running requests to version {next}
          </Anchor>
          , step by step, if they should follow the new way.
        </Text>
      )}
    </div>
  );
}

/**
 * Publishing changes what staff do from the next request on: the lead sees what changes against the
 * latest published version before it happens — every changed step with each of its changes, each role
 * whose work changes, and how many requests stay on the older versions.
 */
export function PublishConfirm({
  opened,
  latest,
  draft,
  unstaffed = [],
  publishing,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  latest: { version: number; definition: Definition } | null;
  draft: Definition;
  /** Lint's words for each lane or escalation whose role no active person holds. */
  unstaffed?: string[];
  publishing: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  const summary = useMemo(
    () => (opened ? publishSummary(latest?.definition ?? null, draft) : null),
    [opened, latest, draft],
  );
  const next = (latest?.version ?? 0) + 1;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={
        <Title order={3}>
          Publish “{draft.title}” as version {next}?
        </Title>
      }
      size="lg"
    >
      {summary && (
        <Stack gap="sm" data-testid="publish-summary">
          <Text size="sm">
            {summary.first
              ? 'This is the first version: requests can start on it once it is published.'
              : `Compared with version ${latest?.version}, the one in use now. New requests start on version ${next}.`}
          </Text>
          {!summary.first && <RunningRequests definitionId={draft.id} next={next} />}
          {unstaffed.length > 0 && (
            <Alert
              color="orange"
              variant="light"
              title="Work would wait where nobody sees it"
              data-testid="publish-unstaffed"
            >
              <List size="sm" spacing={2}>
                {unstaffed.map((line) => (
                  <List.Item key={line}>{line}.</List.Item>
                ))}
              </List>
              <Text size="xs" mt={4}>
                Ask an admin to give someone the role before requests arrive, or publish anyway if that is
                planned.
              </Text>
            </Alert>
          )}
          {summary.identical ? (
            <Alert color="gray" variant="light" data-testid="publish-identical">
              This draft is version {latest?.version} as published: there is nothing to publish. Change the
              workflow first.
            </Alert>
          ) : (
            summary.unchanged && (
              <Alert color="gray" variant="light">
                Nothing staff do changes with this version.
              </Alert>
            )
          )}
          <Section
            label={`${plural(summary.added.length, 'step')} added`}
            items={summary.added}
            testId="publish-added"
          />
          <Section
            label={`${plural(summary.removed.length, 'step')} removed`}
            items={summary.removed}
            testId="publish-removed"
          />
          {summary.changed.length > 0 && (
            <div data-testid="publish-changed">
              <Text size="sm" fw={600}>
                {plural(summary.changed.length, 'step')} changed
              </Text>
              <List size="sm" spacing={4}>
                {summary.changed.map((step) => (
                  <List.Item key={step.title}>
                    <b>{step.title}</b>
                    <List size="xs" withPadding>
                      {step.lines.map((line) => (
                        <List.Item key={line}>{line}</List.Item>
                      ))}
                    </List>
                  </List.Item>
                ))}
              </List>
            </div>
          )}
          {summary.roles.length > 0 && (
            <div data-testid="publish-roles">
              <Text size="sm" fw={600}>
                {plural(summary.roles.length, 'role')} whose duties change
              </Text>
              <List size="sm" spacing={4}>
                {summary.roles.map((role) => (
                  <List.Item key={role.roleId}>
                    <b>{role.name}</b>
                    <List size="xs" withPadding>
                      {role.lines.map((line) => (
                        <List.Item key={line}>{line}</List.Item>
                      ))}
                    </List>
                  </List.Item>
                ))}
              </List>
              <Text size="xs" c="dimmed" mt={4}>
                People in these roles are asked to acknowledge the change in their refresher.
              </Text>
            </div>
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose} data-testid="publish-cancel">
              Cancel
            </Button>
            <Button
              onClick={onConfirm}
              loading={publishing}
              disabled={summary.identical}
              data-testid="publish-confirm"
            >
              {unstaffed.length > 0 ? `Publish version ${next} anyway` : `Publish version ${next}`}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
