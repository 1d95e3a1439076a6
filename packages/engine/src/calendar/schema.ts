import { z } from 'zod';
import { PortalflowError } from '../errors.ts';
import { parseCivilDate } from './civil.ts';
import type { Calendar } from './types.ts';
import { isValidTimeZone } from './zone.ts';

/** `HH:MM`; `24:00` is allowed as a closing time for clinics open until midnight. */
const Time = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time HH:MM between 00:00 and 24:00');

export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

const Interval = z
  .tuple([Time, Time])
  .refine(
    ([open, close]) => minutesOf(open) < minutesOf(close),
    'the opening time must be before the closing time',
  );

const DayHours = z
  .array(Interval)
  .max(24)
  .superRefine((intervals, ctx) => {
    const sorted = [...intervals].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      if (minutesOf(cur[0]) < minutesOf(prev[1])) {
        ctx.addIssue({
          code: 'custom',
          message: `opening hours ${prev.join('–')} and ${cur.join('–')} overlap`,
        });
      }
    }
  });

export const CalendarSchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, 'a known IANA time zone such as America/Denver'),
    hours: z
      .object({
        mon: DayHours.optional(),
        tue: DayHours.optional(),
        wed: DayHours.optional(),
        thu: DayHours.optional(),
        fri: DayHours.optional(),
        sat: DayHours.optional(),
        sun: DayHours.optional(),
      })
      .strict()
      .refine(
        (hours) => Object.values(hours).some((day) => day && day.length > 0),
        'the calendar is never open',
      ),
    holidays: z
      .array(z.string().refine((d) => parseCivilDate(d) !== undefined, 'a date YYYY-MM-DD'))
      .max(5000)
      .optional(),
  })
  .strict();

// Compile-time check that the schema produces exactly what the rest of the engine expects.
const _matches: (c: z.infer<typeof CalendarSchema>) => Calendar = (c) => c;
void _matches;

/**
 * Validates unknown input (an event payload, a settings file) as a calendar. A clinic has one or two
 * calendars and every start and completion carries one, so a calendar already found valid is
 * remembered by its text and handed back (frozen: it is shared) without checking it again.
 */
export function parseCalendar(input: unknown): Calendar {
  const key = JSON.stringify(input);
  const known = typeof key === 'string' ? valid.get(key) : undefined;
  if (known) return known;
  const result = CalendarSchema.safeParse(input);
  if (result.success) {
    const calendar = deepFreeze(result.data);
    if (valid.size >= 64) valid.clear();
    if (typeof key === 'string') valid.set(key, calendar);
    return calendar;
  }
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  throw new PortalflowError(
    'CALENDAR_INVALID',
    `Invalid calendar${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}`,
    { issues },
  );
}

const valid = new Map<string, Calendar>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
