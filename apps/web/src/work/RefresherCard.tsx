import { Alert, Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { GraduationCap } from 'lucide-react';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { outstanding, useMyRefreshers } from '../roles/api.ts';
import { TODO_COLOR } from '../roles/colors.ts';

/** "What changed for you": shown above the queue while a refresher is waiting. */
export function RefresherCard() {
  const mine = useMyRefreshers();
  const client = useQueryClient();
  // Finishing a practice run is a task completed here: look again after any successful action.
  useEffect(
    () =>
      client.getMutationCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success')
          void client.invalidateQueries({ queryKey: ['refreshers', 'mine'] });
      }),
    [client],
  );
  const count = outstanding(mine.data);
  if (count === 0 || !mine.data) return null;
  const first = mine.data.changes.find((c) => !c.done);
  return (
    <Alert
      color="orange"
      variant="light"
      m="sm"
      mb={0}
      icon={<GraduationCap size={18} aria-hidden />}
      title="What changed for you"
      styles={{ title: { color: TODO_COLOR }, icon: { color: TODO_COLOR } }}
      data-testid="refresher-card"
    >
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          {first
            ? `${first.title} changed for ${first.roleName} since version ${first.previousVersion} (now version ${first.version}).`
            : 'A regular refresher is due.'}
          {count > 1 ? ` ${count} refreshers to do.` : ''}
        </Text>
        <Button component={Link} to="/refresher" size="compact-sm" data-testid="refresher-card-open">
          {first && !first.practiceNeeded ? 'Review' : 'Review and practise'}
        </Button>
      </Group>
    </Alert>
  );
}
