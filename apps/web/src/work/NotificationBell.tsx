import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { readNotifications } from '@portalflow/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlarmClock, ArrowUpRight, Bell, CheckCheck, CircleX, UserCheck } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { call } from '../api/call.ts';
import type { Notification } from '../api/types.ts';
import { formatWhen } from '../shell/time.ts';
import type { WorkLocationState } from './MyWorkPage.tsx';
import { requestLabel } from './requestLabel.ts';
import { useUnreadNotifications } from './unreadNotifications.ts';
import { useDefinitionTitles } from './useDefinitionTitles.ts';
import { useRoleName, useRoleTitlesLoading } from './useRoleName.ts';
import { useWorkQueues } from './useWorkQueues.ts';
import classes from './work.module.css';

const what = (n: Notification, roleName: (role: string | null | undefined) => string) =>
  n.kind === 'assigned'
    ? 'Assigned to you'
    : n.kind === 'due-soon'
      ? 'Due soon: finish it or put it back in the pool before its deadline'
      : n.kind === 'overdue'
        ? 'Overdue'
        : n.kind === 'cancelled'
          ? 'Request cancelled: nothing more to do'
          : // Addressed to the person it was taken from, not to the role it went to.
            n.userId
            ? 'Deadline passed: it went to another role'
            : `Escalated to ${roleName(n.role)}`;

const iconOf = (n: Notification) =>
  n.kind === 'assigned' ? (
    <UserCheck size={16} aria-hidden color="var(--mantine-color-teal-8)" />
  ) : n.kind === 'overdue' ? (
    <AlarmClock size={16} aria-hidden color="var(--mantine-color-red-8)" />
  ) : n.kind === 'due-soon' ? (
    <AlarmClock size={16} aria-hidden color="var(--mantine-color-orange-9)" />
  ) : n.kind === 'cancelled' ? (
    <CircleX size={16} aria-hidden color="var(--mantine-color-gray-7)" />
  ) : (
    <ArrowUpRight size={16} aria-hidden color="var(--mantine-color-grape-8)" />
  );

/**
 * The bell in the header: unread count, and a list of "assigned to you", "due soon", "overdue" and
 * "escalated to <role>". Choosing one marks it read and opens the task in My work (by router
 * state — no patient data in the URL).
 */
export function NotificationBell() {
  const client = useQueryClient();
  const roleName = useRoleName();
  // "Escalated to <role>" names the role by its title: the list waits for the titles with the unread.
  const titlesLoading = useRoleTitlesLoading();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const unread = useUnreadNotifications();
  const queues = useWorkQueues(true);
  const { titleOf } = useDefinitionTitles();
  const markRead = useMutation({
    mutationFn: (ids: string[]) => call(readNotifications, { body: { ids } }),
    onSettled: () => void client.invalidateQueries({ queryKey: ['notifications'] }),
  });

  const items = unread.data?.notifications ?? [];
  const count = items.length;
  const now = Date.now();

  function choose(n: Notification) {
    markRead.mutate([n.id]);
    setOpened(false);
    if (n.taskId) navigate('/work', { state: { openTaskId: n.taskId } satisfies WorkLocationState });
  }

  return (
    <Indicator label={count > 99 ? '99+' : count} size={18} color="red.8" offset={4} disabled={count === 0}>
      <Popover
        opened={opened}
        onChange={setOpened}
        width={360}
        position="bottom-end"
        shadow="md"
        withArrow
        trapFocus
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={count === 0 ? 'Notifications, none unread' : `Notifications, ${count} unread`}
            data-testid="notification-bell"
          >
            <Bell size={20} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p="xs" aria-label="Notifications" data-testid="notification-list">
          <Group justify="space-between" mb={6} px={4}>
            <Text fw={600} size="sm">
              Notifications
            </Text>
            {count > 0 && (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<CheckCheck size={14} aria-hidden />}
                onClick={() => markRead.mutate(items.map((n) => n.id))}
                loading={markRead.isPending}
              >
                Mark all read
              </Button>
            )}
          </Group>
          {unread.isPending || titlesLoading ? (
            <Text size="sm" c="gray.7" p="sm">
              Loading…
            </Text>
          ) : unread.isError ? (
            <Text size="sm" c="red.8" p="sm">
              Notifications could not be loaded: {unread.error.message}
            </Text>
          ) : count === 0 ? (
            <Text size="sm" c="gray.7" p="sm">
              You are all caught up. Tasks assigned to you, due soon, overdue or escalated to your roles show
              up here.
            </Text>
          ) : (
            <ScrollArea.Autosize mah={360}>
              <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {items.map((n) => {
                  const task = n.taskId ? queues.byId.get(n.taskId) : undefined;
                  const request = requestLabel(n);
                  const subject = task
                    ? `${request ? `${request} — ` : ''}${task.title} · ${titleOf(task.definitionId)}`
                    : (request ?? 'Open the task in My work');
                  return (
                    <li key={n.id}>
                      <UnstyledButton
                        className={classes.notificationItem}
                        onClick={() => choose(n)}
                        data-testid={`notification-item-${n.id}`}
                      >
                        <Group gap="xs" wrap="nowrap" align="flex-start">
                          <span style={{ paddingTop: 2 }}>{iconOf(n)}</span>
                          <Stack gap={0} style={{ minWidth: 0 }}>
                            <Text size="sm" fw={600}>
                              {what(n, roleName)}
                            </Text>
                            <Text size="xs" lineClamp={2}>
                              {subject}
                            </Text>
                            <Text size="xs" c="gray.7">
                              {formatWhen(n.createdAt, now)}
                            </Text>
                          </Stack>
                        </Group>
                      </UnstyledButton>
                    </li>
                  );
                })}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
