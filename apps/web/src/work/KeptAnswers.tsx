import { KeptText } from './KeptText.tsx';
import { type KeptAnswer, keptAnswersText } from './keptAnswers.ts';

/**
 * Form answers typed on a task that moved away (a deadline escalated it, a lead reassigned it): the
 * server no longer takes them from this person. Saved as the task's draft before the move, they went
 * with the task (its next holder finds them, marked as typed by this person); either way they are
 * shown here, read-only, to copy — by field label, in words. `saved` says which is true.
 */
export function KeptAnswers({ answers, saved }: { answers: readonly KeptAnswer[]; saved: boolean }) {
  return (
    <KeptText
      title={saved ? 'Your answers went with the task' : 'Your last answers were not saved'}
      why={
        saved
          ? 'This task moved to a role you do not hold. Your answers were saved as its draft and went with it: whoever takes it next finds them filled in, marked as typed by you.'
          : 'This task moved to a role you do not hold before what you typed last was saved, so that can no longer be sent. Answers saved before then went with the task as its draft.'
      }
      label={saved ? 'Your answers, kept with the task' : 'Your answers, the last ones not saved'}
      copyLabel="Copy the answers"
      text={keptAnswersText(answers)}
      maxRows={10}
      testId="answers-kept"
    />
  );
}
