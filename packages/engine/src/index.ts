export { type AssignmentKind, assignmentKind } from './assignment.ts';
export {
  addBusinessDuration,
  CalendarSchema,
  clinicDay,
  DEFAULT_CALENDAR,
  dueTime,
  fromWall,
  isOpen,
  nextOpening,
  parseCalendar,
  toWall,
} from './calendar/index.ts';
export type { Calendar, Weekday } from './calendar/types.ts';
export { canonicalJson } from './canonical.ts';
export { type CompiledWorkflow, compile } from './compile/compile.ts';
export { askedFields, wholeMonths } from './computed.ts';
export { type CoverageReport, coverage } from './coverage.ts';
export { dataFields } from './data-fields.ts';
export {
  type Coding,
  type Deadline,
  DeadlineSchema,
  type DecisionStep,
  type Definition,
  DefinitionSchema,
  definitionJsonSchema,
  type EndStep,
  type FormField,
  FormFieldSchema,
  ID_MAX_LENGTH,
  ID_PATTERN,
  ID_RULE,
  type Intake,
  type IntakeChannel,
  IntakeSchema,
  isId,
  type ParallelStep,
  type Role,
  STEP_KINDS,
  type Step,
  type StepKind,
  type TaskStep,
  type WaitStep,
} from './definition.ts';
export {
  addWallDuration,
  type Duration,
  formatDuration,
  parseDuration,
  roughDurationMs,
} from './duration.ts';
export type { CloseReason, DataChanges, Effect, TaskChanges } from './effects.ts';
export { ErrorCode, PortalflowError } from './errors.ts';
export {
  type CalendarChangedEvent,
  type EngineEvent,
  EngineEventSchema,
  type HistoryEntry,
  type RecordedEvent,
} from './events.ts';
export { checkExpression, type Expr, evaluate, holds, parseExpression } from './expression/index.ts';
export {
  type CompiledPattern,
  compilePattern,
  fitsPattern,
  PATTERN_MAX_ANSWER,
  PATTERN_MAX_PROGRAM,
} from './field-pattern.ts';
export {
  checkAnswers,
  expectedAnswer,
  type FieldError,
  isRequired,
  type PatternCheck,
} from './form.ts';
export { allEdges, type Edge, edgesOf, reachableSteps } from './graph.ts';
export {
  durationText,
  edgeText,
  type Handbook,
  type HandbookOptions,
  type HandbookStep,
  handbookMarkdown,
  handbookOf,
  recordText,
  roleNameIn,
  stepDeadlineText,
  stepTitle,
  type VersionChange,
  versionChanges,
} from './handbook/index.ts';
export { intakeRoles, validateIntake } from './intake.ts';
export { type IntakeMapping, intakeFieldMap, mapIntake } from './intake-mapping.ts';
export { pointerProblem, pointerTokens, resolvePointer } from './json-pointer.ts';
export {
  type Finding,
  hasErrors,
  type LintOptions,
  lint,
  lintRules,
  type Rule,
  type Severity,
} from './lint/index.ts';
export {
  type Blocker,
  BlockerCode,
  checkMapping,
  historyVersions,
  type Landing,
  type MigratedEvent,
  MigratedEventSchema,
  type MigrationResult,
  migrateSnapshot,
  parkableSteps,
  proposeMapping,
  type StepMapping,
  StepMappingSchema,
} from './migration/index.ts';
export { formatMoney } from './money.ts';
export { type DefinitionIssue, locatePaths, parseDefinition, parseDefinitionText } from './parse.ts';
export { enumeratePaths, type WorkflowPath } from './paths.ts';
export {
  chartNumber,
  chartNumbersIn,
  patientReferenceFields,
  withChartNumbers,
} from './patient-reference.ts';
export { type ReplayCheck, replay, type VersionLookup, verifyReplay } from './replay.ts';
export {
  CHANGE_KINDS,
  CHANGE_LABELS,
  type ChangeItem,
  type ChangeKind,
  type DeadlineDuty,
  dutiesForFingerprint,
  EMPTY_JOB_TEXT,
  type EscalationDuty,
  type Handoff,
  type JobDescription,
  type JobSection,
  type JobText,
  jobDescription,
  jobDescriptionHtml,
  jobDescriptionMarkdown,
  type RoleChange,
  type RoleDuties,
  roleChange,
  roleChanges,
  roleDuties,
  type StepDuty,
  type WorkflowDuties,
  type WorkflowInput,
} from './roles/index.ts';
export {
  type ActiveView,
  activeView,
  DEFAULT_SIMULATION_START,
  parseScript,
  type ScriptEvent,
  ScriptSchema,
  type SimulationResult,
  type SimulationStep,
  simulate,
} from './simulate.ts';
export type {
  ActiveStep,
  InstanceContext,
  InstanceSnapshot,
  InstanceStatus,
  Priority,
  Timer,
} from './snapshot.ts';
export {
  definitionFields,
  parseSubject,
  renderSubject,
  requestSubject,
  SUBJECT_MAX,
  type SubjectParse,
  type SubjectPart,
  subjectFields,
} from './subject.ts';
export {
  type Block,
  type CaptionCue,
  type CaptionParse,
  captionText,
  conditionWords,
  createHelpSearch,
  csvCell,
  csvLine,
  csvText,
  editDistance,
  fold,
  formulaStarts,
  HELP_FIELD_WEIGHTS,
  type HelpMatch,
  helpSlug,
  type Inline,
  idToWords,
  parseInline,
  parseMarkup,
  parseWebVtt,
  plainText,
  type Range,
  type Searchable,
  type SearchDocument,
  type SearchHit,
  SearchIndex,
  type SearchOptions,
  safeHref,
  searchHelp,
  segments,
  snippet,
  stem,
  tokenize,
} from './text/index.ts';
export { type TransitionResult, transition } from './transition.ts';
export { validateForm } from './validate-form.ts';
export { checkWrites, declaredFields, fieldWriters, startFields } from './writes.ts';
