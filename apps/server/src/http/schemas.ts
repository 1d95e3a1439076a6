import { z } from 'zod';

/** Request schemas: used to validate in handlers and to write /api/openapi.json. */
const _id = z.string().min(1).max(200);

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
