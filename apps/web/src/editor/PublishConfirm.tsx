import { Alert, Button, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import type { Definition } from '@portalflow/engine';
import { useMemo } from 'react';
import { publishSummary } from '../model/publishSummary.ts';

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
 * Publishing changes what staff do from the next request on: the lead sees what changes (steps by
 * title, and each role whose duties change) against the latest published version before it happens.
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
              : `Compared with version ${latest?.version}, the one in use now. New requests start on version ${next}; running ones stay on theirs.`}
          </Text>
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
          <Section
            label={`${plural(summary.changed.length, 'step')} changed`}
            items={summary.changed}
            testId="publish-changed"
          />
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
