import { Alert } from '@mantine/core';
import type { Deadline } from '@portalflow/engine';
import { FlaskConical } from 'lucide-react';
import { useRoleName } from '../work/useRoleName.ts';
import { practiceDeadlineText } from './practiceDeadline.ts';

/** On a practice task with a deadline: what it would do in real work, and that here it does nothing. */
export function PracticeDeadlineNote({
  deadline,
  due,
  now,
}: {
  deadline: Pick<Deadline, 'escalateTo' | 'goTo'>;
  due: string;
  now: number;
}) {
  const roleName = useRoleName();
  const { title, body } = practiceDeadlineText(deadline, due, now, roleName);
  return (
    <Alert
      color="grape"
      variant="light"
      icon={<FlaskConical size={16} aria-hidden />}
      title={title}
      styles={{ title: { color: 'var(--mantine-color-grape-9)' } }}
      data-testid="practice-deadline"
      data-passed={Date.parse(due) <= now ? 'true' : undefined}
    >
      {body}
    </Alert>
  );
}
