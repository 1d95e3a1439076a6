import { Alert, Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { GraduationCap } from 'lucide-react';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { outstanding, useMyRefreshers } from '../roles/api.ts';
import { TODO_COLOR } from '../roles/colors.ts';
import { refresherWords, type TaskInFront } from './refresherWords.ts';

/**
 * "What changed for you": shown above the queue while a refresher is waiting, speaking of `task`, the
 * task open beside it, when its workflow is the one that changed (see `refresherWords`).
 */
export function RefresherCard({ task = null }: { task?: TaskInFront | null }) {
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
  if (outstanding(mine.data) === 0 || !mine.data) return null;
  const words = refresherWords(mine.data, task);
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
        <Text size="sm">{words.text}</Text>
        <Button component={Link} to="/refresher" size="compact-sm" data-testid="refresher-card-open">
          {words.practice ? 'Review and practise' : 'Review'}
        </Button>
      </Group>
    </Alert>
  );
}
