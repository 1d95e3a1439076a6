export {
  CHANGE_KINDS,
  CHANGE_LABELS,
  type ChangeItem,
  type ChangeKind,
  deadlineText,
  handoffText,
  type RoleChange,
  roleChange,
  roleChanges,
} from './changes.ts';
export {
  type DeadlineDuty,
  dutiesForFingerprint,
  type EscalationDuty,
  type Handoff,
  type RoleDuties,
  roleDuties,
  type StepDuty,
  type WorkflowDuties,
  type WorkflowInput,
} from './duties.ts';
export {
  EMPTY_JOB_TEXT,
  escapeHtml,
  type JobDescription,
  type JobSection,
  type JobText,
  jobDescription,
  jobDescriptionHtml,
  jobDescriptionMarkdown,
} from './job-description.ts';
