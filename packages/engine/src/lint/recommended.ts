import { automaticLoop } from './rules/automatic-loop.ts';
import { branchNeverTaken } from './rules/branch-never-taken.ts';
import { computedField } from './rules/computed-field.ts';
import { conditionNotAChoice } from './rules/condition-not-a-choice.ts';
import { conditionUnknownField } from './rules/condition-unknown-field.ts';
import { cycleWithoutExit } from './rules/cycle-without-exit.ts';
import { deadEnd } from './rules/dead-end.ts';
import { deadlineWithoutEscalation } from './rules/deadline-without-escalation.ts';
import { decisionWithoutOtherwise } from './rules/decision-without-otherwise.ts';
import { duplicateRole } from './rules/duplicate-role.ts';
import { duplicateTaskTitle } from './rules/duplicate-task-title.ts';
import { escalationToUndeclaredRole } from './rules/escalation-to-undeclared-role.ts';
import { fieldWrittenByTwoSteps } from './rules/field-written-by-two-steps.ts';
import { formFieldDuplicate } from './rules/form-field-duplicate.ts';
import { intakeBadPointer } from './rules/intake-bad-pointer.ts';
import { intakeUnknownField } from './rules/intake-unknown-field.ts';
import { invalidDuration } from './rules/invalid-duration.ts';
import { invalidExpression } from './rules/invalid-expression.ts';
import { invalidFieldPattern } from './rules/invalid-field-pattern.ts';
import { invalidFieldRange } from './rules/invalid-field-range.ts';
import { missingHelp } from './rules/missing-help.ts';
import { parallelBranchNotJoining } from './rules/parallel-branch-not-joining.ts';
import { patternWithoutHint } from './rules/pattern-without-hint.ts';
import { placeholderText } from './rules/placeholder-text.ts';
import { requiredForUnknownOutcome } from './rules/required-for-unknown-outcome.ts';
import { selectWithoutOptions } from './rules/select-without-options.ts';
import { startFieldOwned } from './rules/start-field-owned.ts';
import { subjectFilledLater } from './rules/subject-filled-later.ts';
import { subjectFreeText } from './rules/subject-free-text.ts';
import { subjectUnknownField } from './rules/subject-unknown-field.ts';
import { taskWithoutRole } from './rules/task-without-role.ts';
import { titleOnSeveralLines } from './rules/title-on-several-lines.ts';
import { undeclaredRole } from './rules/undeclared-role.ts';
import { unheldRole } from './rules/unheld-role.ts';
import { unknownTarget } from './rules/unknown-target.ts';
import { unreachableStep } from './rules/unreachable-step.ts';
import { unusedRole } from './rules/unused-role.ts';
import { waitEndedEarlyByUndeclaredRole } from './rules/wait-ended-early-by-undeclared-role.ts';
import { waitWithoutTrigger } from './rules/wait-without-trigger.ts';
import { warningNotBeforeDeadline } from './rules/warning-not-before-deadline.ts';
import type { Rule, Severity } from './types.ts';

/**
 * Every rule and the severity it runs at: the one place to change a severity. A rule may still
 * give single findings their own severity (both escalateTo and goTo on a deadline is an error
 * even though a deadline doing nothing is a warning). Errors block publishing and compiling
 * (`unreachable-step`, `field-written-by-two-steps`, `placeholder-text` and `title-on-several-lines` block
 * only publishing: see `compile`).
 */
export const recommended: ReadonlyArray<readonly [Rule, Severity]> = [
  // The graph: every instance must be able to start, move and finish.
  [unknownTarget, 'error'],
  [deadEnd, 'error'],
  [cycleWithoutExit, 'error'],
  [automaticLoop, 'error'],
  [parallelBranchNotJoining, 'error'],
  [decisionWithoutOtherwise, 'error'],
  [invalidExpression, 'error'],
  [waitWithoutTrigger, 'error'],
  [invalidDuration, 'error'],
  [unreachableStep, 'error'],
  // Lanes: every task lands in someone's queue, late work in someone's pool.
  [taskWithoutRole, 'error'],
  [undeclaredRole, 'error'],
  [duplicateRole, 'error'],
  [escalationToUndeclaredRole, 'error'],
  [waitEndedEarlyByUndeclaredRole, 'error'],
  [deadlineWithoutEscalation, 'warning'],
  [warningNotBeforeDeadline, 'warning'],
  [unusedRole, 'warning'],
  [unheldRole, 'warning'],
  // What staff see on a task.
  [formFieldDuplicate, 'error'],
  [selectWithoutOptions, 'error'],
  [requiredForUnknownOutcome, 'error'],
  [invalidFieldPattern, 'error'],
  [invalidFieldRange, 'error'],
  [computedField, 'error'],
  [patternWithoutHint, 'warning'],
  [duplicateTaskTitle, 'warning'],
  [subjectUnknownField, 'error'],
  [subjectFreeText, 'warning'],
  [subjectFilledLater, 'warning'],
  [missingHelp, 'info'],
  [placeholderText, 'error'],
  [titleOnSeveralLines, 'error'],
  // How messages from other systems (portal webhooks, FHIR) fill the start form.
  [intakeBadPointer, 'error'],
  [intakeUnknownField, 'error'],
  // What a step may write into the instance data that decisions read.
  [fieldWrittenByTwoSteps, 'error'],
  [startFieldOwned, 'warning'],
  // What a decision's conditions read: a value staff can give, a field some form asks for.
  [conditionNotAChoice, 'error'],
  [conditionUnknownField, 'error'],
  [branchNeverTaken, 'error'],
];

/** All rules, at their recommended severities. */
export const lintRules: readonly Rule[] = recommended.map(([rule, severity]) =>
  rule.severity === severity ? rule : { ...rule, severity },
);
