import { z } from 'zod';

/** Request schemas: used to validate in handlers and to write /api/openapi.json. */
const id = z.string().min(1).max(200);
const data = z.record(z.string(), z.unknown());
const priority = z.enum(['low', 'normal', 'high', 'urgent']);

export const LoginBody = z
  .object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) })
  .strict();

/** A six-digit authenticator code (spaces allowed, as apps show them). */
const totpCode = z.string().min(6).max(12);

export const TotpVerifyBody = z
  .object({
    code: totpCode.optional(),
    /** One of the recovery codes shown at enrollment, instead of a code. */
    recoveryCode: z.string().min(10).max(40).optional(),
    /** Ask for no code from this browser for a while (`totpRememberMs`). */
    rememberDevice: z.boolean().optional(),
  })
  .strict()
  .refine(
    (b) => (b.code === undefined) !== (b.recoveryCode === undefined),
    'give either code or recoveryCode',
  );

export const TotpSetupBody = z.object({}).strict();
export const TotpConfirmBody = z.object({ code: totpCode, rememberDevice: z.boolean().optional() }).strict();

export const EmergencyAccessBody = z
  .object({
    /** Why: recorded with every access made under the grant and shown to auditors. */
    reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(500),
    minutes: z.number().int().min(5).max(240).optional(),
  })
  .strict();

/** Every password a person chooses passes this one rule (the server checks it nowhere else). */
/** A new password: its strength is the password rule's to judge (400 PASSWORD_TOO_WEAK names why). */
export const NewPassword = z.string().max(1000);

/** Either an initial password, or `setPasswordCode: true` for a one-time code the person redeems on the sign-in page. */
export const CreateUserBody = z
  .object({
    username: z
      .string()
      .min(2)
      .max(64)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" and "-"'),
    password: NewPassword.optional(),
    setPasswordCode: z.literal(true).optional(),
    displayName: z.string().min(1).max(200).optional(),
    roles: z.array(z.string().min(1).max(80)).max(50),
  })
  .strict()
  .refine((b) => (b.password === undefined) !== (b.setPasswordCode === undefined), {
    message: 'give either an initial password or setPasswordCode: true, not both',
    path: ['password'],
  });

export const PatchUserBody = z
  .object({
    displayName: z.string().min(1).max(200).optional(),
    password: NewPassword.optional(),
    roles: z.array(z.string().min(1).max(80)).max(50).optional(),
    disabled: z.boolean().optional(),
    /** Forget the account's authenticator and recovery codes (a lost phone): it enrolls again. */
    resetTwoFactor: z.literal(true).optional(),
  })
  .strict();

/** A staff list: CSV text with the columns username, display name, roles (`;`-separated role ids). */
export const StaffListBody = z.object({ csv: z.string().min(1, 'the file is empty').max(512_000) }).strict();

/** Redeeming a one-time set-password code at sign-in. */
export const SetPasswordBody = z
  .object({
    username: z.string().min(1).max(64),
    code: z.string().trim().min(8).max(64),
    password: NewPassword,
  })
  .strict();

export const AccountChangesQuery = z
  .object({
    userId: z.string().min(1).max(80).optional(),
    limit: z.coerce.number().int().min(1).max(5000).optional(),
    format: z.enum(['json', 'csv']).optional(),
  })
  .strict();

/** `lifetimeDays`: shorter than the server's default if wanted; never longer than its maximum (checked in the route). */
export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    scope: z.enum(['read', 'act']),
    lifetimeDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();

export const CreateDefinitionBody = z
  .object({ definition: z.unknown(), layout: z.unknown().optional() })
  .strict();
export const SaveDefinitionBody = z
  .object({ definition: z.unknown(), layout: z.unknown().optional(), revision: z.number().int().min(0) })
  .strict();
export const PublishBody = z.object({ revision: z.number().int().min(1).optional() }).strict();

export const StartInstanceBody = z
  .object({
    definitionId: id,
    version: z.number().int().min(1).optional(),
    data: data.default({}),
    practice: z.boolean().optional(),
  })
  .strict();

/** A request started from My work: the start form's values. There is no practice flag: practice has its own page. */

export const ListInstancesQuery = z
  .object({
    definitionId: id.optional(),
    status: z.enum(['active', 'done', 'cancelled']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    person: id.optional(),
    practice: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

/**
 * A search by what people know. In a body, not the URL: a patient reference is patient data and URLs
 * end up in proxy logs and browser history.
 */
export const InstanceSearchBody = z
  .object({
    /** A patient reference (or any value of the request's data), matched whole and without case. */
    patient: z.string().trim().min(1).max(200).optional(),
    /** Part of a person's name or username: requests anyone matching started or worked on. */
    personName: z.string().trim().min(2).max(200).optional(),
    definitionId: id.optional(),
    status: z.enum(['active', 'done', 'cancelled']).optional(),
    practice: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const SignalBody = z.object({ name: id, data: data.optional() }).strict();
export const CancelBody = z.object({ reason: z.string().max(2000).optional() }).strict();

export const TasksQuery = z
  .object({
    scope: z.enum(['mine', 'pool', 'all']).default('mine'),
    definitionId: id.optional(),
    role: id.optional(),
    dueBefore: z.iso.datetime({ offset: true }).optional(),
    status: z.enum(['open', 'closed']).optional(),
    practice: z.enum(['true', 'false']).optional(),
    /** Words every listed request's subject contains (ignoring case). */
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const CompleteBody = z
  .object({
    outcome: id,
    data: data.optional(),
    note: z.string().max(8000).optional(),
    /** The note is for whoever takes the request next (highlighted in their task). */
    forNextRole: z.boolean().optional(),
  })
  .strict();

export const ReassignBody = z
  .object({
    assignee: z.string().min(1).max(200).nullable().optional(),
    role: id.optional(),
    due: z.iso.datetime({ offset: true }).nullable().optional(),
    priority: priority.optional(),
    reason: z.string().max(2000).optional(),
  })
  .strict();

export const BulkReassignBody = z
  .object({
    /** Every open task of this person… */
    from: id.optional(),
    /** …or these tasks. */
    taskIds: z.array(id).max(500).optional(),
    assignee: z.string().min(1).max(200).nullable().optional(),
    role: id.optional(),
    reason: z.string().max(2000).optional(),
  })
  .strict()
  .refine(
    (b) => b.from !== undefined || b.taskIds !== undefined,
    'name the tasks (taskIds) or the person (from)',
  );

export const CommentBody = z.object({ body: z.string().min(1).max(8000) }).strict();

export const ReplayQuery = z.object({ at: z.coerce.number().int().min(0).optional() }).strict();
export const VerifyQuery = z.object({ instanceId: id.optional() }).strict();
export const ExportQuery = z.object({ format: z.enum(['json', 'csv']).default('json') }).strict();
export const AccessLogQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    userId: id.optional(),
    instanceId: id.optional(),
    outcome: z.enum(['allow', 'deny']).optional(),
    practice: z.enum(['true', 'false']).optional(),
    /** Only accesses made under break-glass emergency access (`true`), or none of them (`false`). */
    emergency: z.enum(['true', 'false']).optional(),
    category: z
      .enum([
        'phi',
        'task-list',
        'instance-list',
        'history',
        'definition',
        'account',
        'access-log',
        'tracking',
        'emergency-access',
        'authentication',
      ])
      .optional(),
    /** `newest` first (the report) or `oldest` first (the default, for paging through everything). */
    order: z.enum(['newest', 'oldest']).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();
