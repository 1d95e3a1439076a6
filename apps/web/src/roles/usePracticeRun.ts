import { getDefinition, startInstance } from '@portalflow/contract';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { call } from '../api/call.ts';
import { newIdempotencyKey } from '../api/client.ts';
import { practiceStartData } from '../practice/practiceData.ts';
import { notifications } from '../shell/notifications.ts';
import type { WorkLocationState } from '../work/MyWorkPage.tsx';

/**
 * Starts a practice instance of a workflow (the latest version: practising a later version also
 * covers an earlier change) and opens its first task in My work's practice view, where the person
 * plays it through: its steps of other roles too ("played for practice"), on to their own. Practice
 * instances are flagged and kept apart from real work; finishing one is what completes a refresher.
 */
export function usePracticeRun() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async (definitionId: string) => {
      // The latest version's start form, filled in with made-up data (start data is held to it).
      const { latest } = await call(getDefinition, { params: { id: definitionId } });
      return call(startInstance, {
        body: {
          definitionId,
          practice: true,
          ...(latest ? { version: latest.version } : {}),
          data: practiceStartData(latest?.definition),
        },
        idempotencyKey: newIdempotencyKey(),
      });
    },
    onSuccess: ({ instance }) => {
      notifications.show({
        color: 'teal',
        title: 'Practice run started',
        message:
          'It is marked “practice” and kept apart from real work. Play every step through to the end, other roles’ steps too.',
      });
      const first = instance.active.find((a) => a.kind === 'task');
      const state: WorkLocationState = first ? { openTaskId: first.taskId } : {};
      navigate('/work?view=practice', { state });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Could not start the practice run', message: error.message }),
  });
}
