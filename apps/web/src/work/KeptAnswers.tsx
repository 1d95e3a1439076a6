import { KeptText } from './KeptText.tsx';
import { type KeptAnswer, keptAnswersText } from './keptAnswers.ts';

/**
 * Form answers typed on a task that moved away before they were sent (a deadline escalated it, a lead
 * reassigned it): the server no longer takes them from this person, so they are kept here, read-only,
 * to copy — by field label, in words.
 */
export function KeptAnswers({ answers }: { answers: readonly KeptAnswer[] }) {
  return (
    <KeptText
      title="Your answers were not saved"
      why="This task moved to a role you do not hold, so its form can no longer be sent."
      label="Your answers, not saved"
      copyLabel="Copy the answers"
      text={keptAnswersText(answers)}
      maxRows={10}
      testId="answers-kept"
    />
  );
}
