import { CalendarSchema } from '@portalflow/engine';
import { z } from 'zod';
import { Person, Timestamp } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

/**
 * How the clinic writes clock times on every screen: "2:30 PM" or "14:30". A US clinic reads the
 * 12-hour clock, so that is what a clinic gets until an admin chooses otherwise.
 */
export const ClinicClock = z.enum(['12-hour', '24-hour']);
export type ClinicClock = z.infer<typeof ClinicClock>;
export { DEFAULT_CLINIC_CLOCK } from './clinic-clock.ts';

/** The clinic as the web app needs it: name, time zone and calendar, from the server's configuration. */
export const ClinicConfig = z.object({
  clinic: z.object({ name: z.string() }),
  /** IANA time zone; UTC when no calendar is configured. */
  timeZone: z.string(),
  /** The clock style of every time shown (the server always sends it; `DEFAULT_CLINIC_CLOCK` when missing). */
  clock: ClinicClock.optional(),
  calendar: CalendarSchema.nullable(),
  /** The closed days of the coming week, soonest first, with their names (the server always sends it). */
  closures: z.array(z.object({ date: z.string(), name: z.string().optional() })).optional(),
  /** The largest file this server takes as an attachment (`PORTALFLOW_ATTACHMENT_MAX_MB`). */
  attachmentMaxBytes: z.number().int().positive().optional(),
});
export type ClinicConfig = z.infer<typeof ClinicConfig>;

/** What the sign-in page says before anyone is known: whose clinic this is, and whether it is the demo. */
export const SignInPage = z.object({
  clinic: z.object({ name: z.string() }),
  /** The demo (`serve --demo`): the page says how to print authenticator codes without a phone. */
  demo: z.boolean(),
});
export type SignInPage = z.infer<typeof SignInPage>;

export const signInPage = route({
  method: 'get',
  path: '/api/sign-in-page',
  summary: "The sign-in page's words: the clinic's name, and whether this server is the demo",
  tags: ['auth'],
  'x-instance-data': false,
  'x-public': true,
  responses: { 200: json(SignInPage, 'Open to anyone: nothing here is about a person') },
});

export const clinicConfig = route({
  method: 'get',
  path: '/api/config',
  summary: "The clinic's name, time zone and calendar (opening hours and holidays)",
  tags: ['operations'],
  'x-instance-data': false,
  responses: {
    200: json(ClinicConfig, 'The clinic configuration'),
    ...errors({ 401: 'Not signed in (UNAUTHENTICATED)' }),
  },
});

/** The clinic's week, Monday first, each day's key in a calendar and its name. */
export const CLINIC_WEEK = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;
export type ClinicWeekday = (typeof CLINIC_WEEK)[number][0];

/** A weekday's opening hours: `[["08:00","12:00"],["13:00","17:00"]]`; empty or missing is closed. */
const ClinicHours = CalendarSchema.shape.hours;

/**
 * A day the clinic is closed, with the name staff know it by ("Thanksgiving", "Snow day") and,
 * optionally, its name in the patients' help languages (`{ "es": "Día de Acción de Gracias" }`); the
 * public help page in a language without one says the clinic is closed, in that language.
 */
export const ClinicClosure = z
  .object({
    date: z.iso.date(),
    name: z.string().trim().max(80).optional(),
    /** By language tag ("es"); an empty name is the same as none. */
    names: z
      .record(z.string().regex(/^[a-z]{2,3}$/, 'A language tag such as "es"'), z.string().trim().max(80))
      .optional(),
  })
  .strict();
export type ClinicClosure = z.infer<typeof ClinicClosure>;

/** One save of the clinic hours: who, when, why, and what changed in words. */
export const ClinicHoursChange = z.object({
  revision: z.number().int(),
  at: Timestamp,
  by: Person.nullable(),
  reason: z.string().nullable(),
  /** On the clinic's clock and in its date style: "Monday: 8:00 AM–5:00 PM → 8:00 AM–4:00 PM", "Closed Fri, Jan 8, 2027 (Snow day)", "Clock: 24-hour (14:30) → 12-hour (2:30 PM)". */
  summary: z.array(z.string()),
});
export type ClinicHoursChange = z.infer<typeof ClinicHoursChange>;

/** The clinic hours (and the clock they and every other time are written in) as a lead or admin edits them. */
export const ClinicHoursView = z.object({
  /** Set where the server is installed (`PORTALFLOW_TIME_ZONE` or the calendar file); not edited here. */
  timeZone: z.string(),
  /** How times are written on every screen, kept with the hours (the trail records a change of it). */
  clock: ClinicClock,
  hours: ClinicHours,
  closures: z.array(ClinicClosure),
  /** 0 while the hours are still the ones the server was configured with. */
  revision: z.number().int(),
  updatedAt: Timestamp.nullable(),
  updatedBy: Person.nullable(),
  /** Newest first. */
  changes: z.array(ClinicHoursChange),
});
export type ClinicHoursView = z.infer<typeof ClinicHoursView>;

export const SaveClinicHoursBody = z
  .object({
    hours: ClinicHours,
    closures: z.array(ClinicClosure).max(1000),
    /** Left out, the clock style stays as it is. */
    clock: ClinicClock.optional(),
    /** The revision the admin started from: a save over someone else's is refused (409 CONFLICT). */
    expectedRevision: z.number().int().min(0).meta({ title: 'Version of the hours you opened' }),
    reason: z.string().trim().max(300).optional(),
    /** Also put the requests open now on the new hours (their business-hours deadlines move). */
    moveOpenRequests: z.boolean().optional(),
  })
  .strict()
  .refine((b) => new Set(b.closures.map((c) => c.date)).size === b.closures.length, {
    message: 'Each date may be closed once',
    path: ['closures'],
  });
export type SaveClinicHoursBody = z.input<typeof SaveClinicHoursBody>;

/** What a save with `moveOpenRequests` did to the requests open at the time. */
export const ClinicHoursMoved = z.object({
  /** Requests now on the new hours (each has a "clinic hours changed" entry in its history). */
  requests: z.number().int(),
  /** Open deadlines that moved. */
  deadlines: z.number().int(),
  /** Requests that could not be changed (they ended meanwhile); they keep their hours. */
  failed: z.number().int(),
});
export type ClinicHoursMoved = z.infer<typeof ClinicHoursMoved>;

export const SavedClinicHours = ClinicHoursView.extend({ moved: ClinicHoursMoved.nullable() });
export type SavedClinicHours = z.infer<typeof SavedClinicHours>;

export const clinicHours = route({
  method: 'get',
  path: '/api/clinic/hours',
  summary:
    "The clinic's opening hours and closures as leads and admins edit them, with every change, newest first",
  tags: ['operations'],
  'x-instance-data': false,
  responses: {
    200: json(ClinicHoursView, 'Hours, closures and changes'),
    ...errors({
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not a lead, an admin or an auditor (FORBIDDEN)',
    }),
  },
});

export const saveClinicHours = route({
  method: 'put',
  path: '/api/clinic/hours',
  summary:
    'Replace the opening hours and closures (leads and admins). Requests started from then on count business-hours deadlines in them; with `moveOpenRequests`, so do the requests open now (their open deadlines move). Every save is kept in an append-only trail',
  tags: ['operations'],
  'x-instance-data': false,
  request: { body: jsonBody(SaveClinicHoursBody) },
  responses: {
    200: json(SavedClinicHours, 'The saved hours, and what moving the open requests did'),
    ...errors({
      400: 'Not valid hours: overlapping times, never open, a date twice (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not a lead or an admin (FORBIDDEN)',
      409: 'Someone saved the hours since this admin loaded them (CONFLICT)',
    }),
  },
});

/** What applying the saved hours to the requests open now would move, for the admin to confirm first. */
export const OpenRequestsOffHours = z.object({
  /** The revision of the hours counted against: send it back to apply them. */
  revision: z.number().int(),
  /** Open requests still counting in other hours. */
  requests: z.number().int(),
  /** Open tasks' deadlines that would move. */
  deadlines: z.number().int(),
});
export type OpenRequestsOffHours = z.infer<typeof OpenRequestsOffHours>;

export const ApplyClinicHoursBody = z
  .object({
    /** The hours' revision the admin confirmed: hours saved or applied since are refused (409 CLINIC_HOURS_CHANGED). */
    expectedRevision: z.number().int().min(0).meta({ title: 'Version of the hours you opened' }),
  })
  .strict();
export type ApplyClinicHoursBody = z.input<typeof ApplyClinicHoursBody>;

export const AppliedClinicHours = ClinicHoursView.extend({ moved: ClinicHoursMoved });
export type AppliedClinicHours = z.infer<typeof AppliedClinicHours>;

export const openRequestsOffHours = route({
  method: 'get',
  path: '/api/clinic/hours/open-requests',
  summary:
    'How many open requests count in other hours than the saved ones, and how many open deadlines applying the saved hours would move (admins)',
  tags: ['operations'],
  'x-instance-data': false,
  responses: {
    200: json(OpenRequestsOffHours, 'What applying the saved hours would move'),
    ...errors({
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not an admin (FORBIDDEN)',
    }),
  },
});

export const applyClinicHours = route({
  method: 'post',
  path: '/api/clinic/hours/open-requests',
  summary:
    'Put the requests open now on the saved hours (admins), as a save with `moveOpenRequests` does: their open business-hours deadlines move, each request records it, and the hours trail records who applied them',
  tags: ['operations'],
  'x-instance-data': false,
  request: { body: jsonBody(ApplyClinicHoursBody) },
  responses: {
    200: json(AppliedClinicHours, 'The hours, their trail, and what moved'),
    ...errors({
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Not an admin (FORBIDDEN)',
      409: 'Someone saved or applied the hours since this admin counted them (CLINIC_HOURS_CHANGED)',
    }),
  },
});
