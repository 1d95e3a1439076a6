import { z } from 'zod';

/**
 * The one workflow definition format. The schema is deliberately lenient about graph
 * soundness (a task may still lack a role while it is being drawn): shape errors are
 * parse errors, meaning errors are lint findings.
 */

/** Ids of workflows, steps, roles, outcomes and fields: safe in URLs, file names, logs and CSV. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const ID_MAX_LENGTH = 80;
export const ID_RULE = 'ids use letters, digits, "-" and "_" and start with a letter or digit';

export const Id = z.string().min(1).max(ID_MAX_LENGTH).regex(ID_PATTERN, ID_RULE);

/** Whether `value` is a well-formed id (the same rule the schema applies). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= ID_MAX_LENGTH && ID_PATTERN.test(value);
}

/** ISO 8601 duration such as PT4H, P2D, P1DT12H, P18M. */
export const IsoDuration = z
  .string()
  .regex(
    /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/,
    'an ISO 8601 duration such as PT4H, P2D or P1DT12H',
  );

export const RoleSchema = z
  .object({
    id: Id,
    name: z.string().min(1).max(120),
    department: z.string().max(120).optional(),
    description: z.string().max(4000).optional(),
  })
  .strict();

export const DeadlineSchema = z
  .object({
    after: IsoDuration,
    /** `business` counts only the clinic calendar's opening hours; `wall` (default) counts clock time. */
    calendar: z.enum(['business', 'wall']).optional(),
    escalateTo: Id.optional(),
    goTo: Id.optional(),
    /**
     * How long before the deadline whoever holds the task is reminded that it is due soon, in the
     * clinic's open time (`P1D` for a prior authorisation due in three days). Without it: 30 minutes,
     * or a quarter of a deadline under two hours. Shorter than `after` (lint: `warning-not-before-deadline`).
     */
    warnBefore: IsoDuration.optional(),
  })
  .strict();

export const FormFieldSchema = z
  .object({
    id: Id,
    label: z.string().min(1).max(200),
    type: z.enum(['text', 'textarea', 'number', 'boolean', 'select', 'date']),
    required: z.boolean().optional(),
    /**
     * Required only when the step is finished with one of these outcomes (a decline reason for
     * `declined`); other outcomes may leave it out. `required: true` means every outcome. Step forms
     * only: a start form has no outcomes.
     */
    requiredFor: z.array(Id).min(1).max(50).optional(),
    options: z.array(z.string().min(1).max(200)).max(100).optional(),
    help: z.string().max(2000).optional(),
    /**
     * One-line text fields: the whole answer must match this regular expression (RE2 syntax, matched
     * in time linear in the answer; with the pattern's size and the answer's length capped, one check
     * takes milliseconds), e.g. `[A-Za-z]{2,10}-[0-9]{1,10}` for a chart number. `(?i)` at the start
     * ignores case. Checked by lint (`invalid-field-pattern`).
     */
    pattern: z.string().min(1).max(500).optional(),
    /** What a right answer looks like, said to whoever typed one that does not match: "a chart number such as DEMO-5001". */
    patternHint: z.string().min(1).max(200).optional(),
    /** Number fields: the smallest answer allowed. */
    min: z.number().finite().optional(),
    /** Number fields: the largest answer allowed. */
    max: z.number().finite().optional(),
    /**
     * Number fields: an amount of money in dollars, kept to the cent and shown as `$1,250.40`. A
     * negative amount is a credit: give `"min": 0` when the field takes none (a balance owed).
     */
    money: z.boolean().optional(),
    /**
     * Number fields: whole numbers only, for a count (an age, months of a payment plan): 12, never 12.5.
     * Not with `money`, which is kept to the cent. Checked by lint (`invalid-field-range`).
     */
    whole: z.boolean().optional(),
    /**
     * Date fields: `past` takes today or earlier (a last visit), `future` today or later (a booked
     * follow-up). Today is the clinic's date (its calendar's time zone) when the answer is given.
     */
    dateRange: z.enum(['past', 'future']).optional(),
    /**
     * Number fields on a step's form: worked out by the engine when the step is finished, never asked.
     * `{ "monthsSince": "<date field of the same form>" }` is the whole months from that date to the
     * clinic's date then (its calendar's time zone): a form asks for the last visit's date alone, and a
     * decision reads `data.monthsSinceLastVisit > 12`. Checked by lint (`computed-field`).
     */
    computed: z.object({ monthsSince: Id }).strict().optional(),
    /**
     * Who else may write the field. `owned`: only this step writes it; any other step, and start
     * data, is refused. `shared`: other steps declare it too and a later answer replaces an earlier
     * one on purpose (a retry, a decline any of several steps may record). Unset: one writer is
     * expected, and lint warns when another step declares the same field.
     */
    ownership: z.enum(['owned', 'shared']).optional(),
    /**
     * `patient`: the answer holds the patient's own words, what they typed or said (a message, the
     * subject line they chose, the symptoms they reported), copied in by staff or read from the portal.
     * Such an answer stays on the task: lint warns when a workflow's `subject`, which every list shows
     * without "Show values", would show it (`subject-free-text`). Unset: staff or the clinic's own words.
     */
    from: z.enum(['patient']).optional(),
  })
  .strict();

/**
 * Where each start-form field is read from in a message sent by another system: start-form field id →
 * JSON pointer (RFC 6901, e.g. `/patient/reference`, `/payload/0/contentString`) into the message.
 * Pointers are checked by lint (`intake-bad-pointer`), field ids too (`intake-unknown-field`); the
 * values found are then validated exactly like a start form filled in by staff.
 */
export const IntakeFieldMapSchema = z.record(Id, z.string().max(500));

/** A signed webhook (Standard Webhooks) from another system, such as the patient portal, starts the workflow. */
export const WebhookIntakeSchema = z
  .object({
    fields: IntakeFieldMapSchema,
  })
  .strict();

/** A FHIR coding: the code, and the code system it belongs to (any system when left out). */
export const CodingSchema = z
  .object({
    system: z.string().min(1).max(500).optional(),
    code: z.string().min(1).max(200),
  })
  .strict();

/**
 * A FHIR R4 `Communication` (from the EHR) starts the workflow when one of its `category` codings
 * matches; `fields` point into the Communication resource (`/subject/reference`, `/sender/reference`,
 * `/payload/0/contentString`).
 */
export const FhirIntakeSchema = z
  .object({
    category: CodingSchema,
    fields: IntakeFieldMapSchema,
  })
  .strict();

/**
 * How a request is started: by staff (who may start it besides leads and admins, and the start form
 * whose values become the instance's first data), and optionally by other systems, whose messages
 * are mapped onto the same start form.
 */
export const IntakeSchema = z
  .object({
    roles: z.array(Id).max(50),
    form: z.array(FormFieldSchema).max(50).optional(),
    webhook: WebhookIntakeSchema.optional(),
    fhir: FhirIntakeSchema.optional(),
  })
  .strict();

const common = {
  title: z.string().max(200).optional(),
  description: z.string().max(4000).optional(),
};

export const TaskStepSchema = z
  .object({
    type: z.literal('task'),
    ...common,
    title: z.string().min(1).max(200),
    role: Id.optional(),
    outcomes: z.record(Id, Id),
    deadline: DeadlineSchema.optional(),
    form: z.array(FormFieldSchema).max(50).optional(),
    help: z.string().max(8000).optional(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
  })
  .strict();

export const DecisionStepSchema = z
  .object({
    type: z.literal('decision'),
    ...common,
    branches: z.array(z.object({ when: z.string().max(2000), to: Id }).strict()).max(50),
    otherwise: Id.optional(),
  })
  .strict();

export const ParallelStepSchema = z
  .object({
    type: z.literal('parallel'),
    ...common,
    branches: z.array(Id).min(1).max(20),
    join: Id,
  })
  .strict();

export const WaitStepSchema = z
  .object({
    type: z.literal('wait'),
    ...common,
    signal: Id.optional(),
    for: IsoDuration.optional(),
    /**
     * The role that may end this wait before its signal or time comes, with a reason in words
     * (a provider releases a held result once they have called the patient). Goes on to `next`.
     */
    endEarlyBy: Id.optional(),
    next: Id,
    deadline: DeadlineSchema.optional(),
  })
  .strict();

export const EndStepSchema = z
  .object({
    type: z.literal('end'),
    ...common,
    outcome: z.string().max(80).optional(),
  })
  .strict();

export const StepSchema = z.discriminatedUnion('type', [
  TaskStepSchema,
  DecisionStepSchema,
  ParallelStepSchema,
  WaitStepSchema,
  EndStepSchema,
]);

export const DefinitionSchema = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    title: z.string().min(1).max(200),
    description: z.string().max(8000).optional(),
    roles: z.array(RoleSchema).max(200),
    start: Id,
    /** Optional: who may start a request from My work, and its start form. */
    intake: IntakeSchema.optional(),
    /** Optional: what a request is called in lists, e.g. `{patientRef} · Refill: {medication}`. */
    subject: z.string().min(1).max(200).optional(),
    steps: z.record(Id, StepSchema),
  })
  .strict();

export type Role = z.infer<typeof RoleSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
export type FormField = z.infer<typeof FormFieldSchema>;
export type Intake = z.infer<typeof IntakeSchema>;
export type IntakeChannel = 'webhook' | 'fhir';
export type Coding = z.infer<typeof CodingSchema>;
export type TaskStep = z.infer<typeof TaskStepSchema>;
export type DecisionStep = z.infer<typeof DecisionStepSchema>;
export type ParallelStep = z.infer<typeof ParallelStepSchema>;
export type WaitStep = z.infer<typeof WaitStepSchema>;
export type EndStep = z.infer<typeof EndStepSchema>;
export type Step = z.infer<typeof StepSchema>;
export type StepKind = Step['type'];
export type Definition = z.infer<typeof DefinitionSchema>;

export const STEP_KINDS = [
  'task',
  'decision',
  'parallel',
  'wait',
  'end',
] as const satisfies readonly StepKind[];

/** JSON Schema (draft 2020-12) of the definition format, for editors and other tools. */
export function definitionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(DefinitionSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
