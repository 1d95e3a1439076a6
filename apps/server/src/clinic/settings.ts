import { readFile } from 'node:fs/promises';
import { type Calendar, DEFAULT_CALENDAR, parseCalendar } from '@portalflow/engine';
import { DEMO_HELP_CLINIC } from '../seed/help-content.ts';

/** Who the clinic is and when it is open: recorded with each new instance and served to the web. */
export interface ClinicSettings {
  name: string;
  /** The clinic calendar: its time zone, opening hours and holidays (business-day deadlines count in it). */
  calendar: Calendar;
  /** What staff call the closed days, by date (`holidayNames` in the calendar file). */
  holidayNames: Record<string, string>;
  /**
   * The same days' names in the patients' other help languages, by language then date
   * (`holidayNamesIn` in the calendar file; the demo's bundled ones under `--demo`).
   */
  holidayNamesIn: Record<string, Record<string, string>>;
}

/** A setting the server cannot start with: the message names the variable and what is wrong. */
export class ClinicSettingsError extends Error {
  override readonly name = 'ClinicSettingsError';
  readonly code = 'CLINIC_SETTINGS_INVALID';
}

/**
 * The clinic from the environment:
 * - `PORTALFLOW_CALENDAR`: path of a calendar JSON file (`{ timeZone, hours, holidays, holidayNames?,
 *   holidayNamesIn? }`, see docs/format.md);
 *   without it, the bundled demo calendar under `--demo`, else weekdays 08:00–17:00 with no holidays;
 * - `PORTALFLOW_TIME_ZONE`: an IANA time zone that replaces the calendar's (default: the calendar's, else UTC);
 * - `PORTALFLOW_CLINIC_NAME`: shown in the web app.
 */
export async function clinicSettings(options: {
  demo: boolean;
  env?: NodeJS.ProcessEnv;
}): Promise<ClinicSettings> {
  const env = options.env ?? process.env;
  let raw: unknown = DEFAULT_CALENDAR;
  let source = 'the default calendar';
  let holidayNames: Record<string, string> = {};
  let holidayNamesIn: Record<string, Record<string, string>> = {};
  if (env.PORTALFLOW_CALENDAR) {
    source = `PORTALFLOW_CALENDAR (${env.PORTALFLOW_CALENDAR})`;
    raw = await readCalendarFile(env.PORTALFLOW_CALENDAR, source);
  } else if (options.demo) {
    // Only the demo reads the bundled examples.
    const examples = await import('@portalflow/examples');
    raw = examples.clinicCalendar;
    holidayNames = examples.clinicHolidayNames;
    holidayNamesIn = examples.clinicHolidayNamesIn;
    source = 'the demo calendar';
  }
  // Names are for people; the engine's calendar has dates only.
  if (raw && typeof raw === 'object' && 'holidayNames' in raw) {
    const { holidayNames: names, ...rest } = raw as { holidayNames?: unknown };
    holidayNames = namesOf(names, source, 'holidayNames');
    raw = rest;
  }
  if (raw && typeof raw === 'object' && 'holidayNamesIn' in raw) {
    const { holidayNamesIn: namesIn, ...rest } = raw as { holidayNamesIn?: unknown };
    holidayNamesIn = namesInOf(namesIn, source);
    raw = rest;
  }
  const zone = env.PORTALFLOW_TIME_ZONE;
  if (zone) raw = { ...(raw as object), timeZone: zone };
  let calendar: Calendar;
  try {
    calendar = parseCalendar(raw);
  } catch (error) {
    const where = zone ? `${source} with PORTALFLOW_TIME_ZONE=${zone}` : source;
    throw new ClinicSettingsError(`${where}: ${(error as Error).message}`);
  }
  const name = env.PORTALFLOW_CLINIC_NAME || (options.demo ? DEMO_HELP_CLINIC.name : 'Clinic');
  return { name, calendar, holidayNames, holidayNamesIn };
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function namesOf(value: unknown, source: string, key: string): Record<string, string> {
  const ok =
    isMap(value) &&
    Object.entries(value).every(
      ([date, name]) => /^\d{4}-\d{2}-\d{2}$/.test(date) && typeof name === 'string',
    );
  if (!ok) throw new ClinicSettingsError(`${source}: ${key} must map dates (YYYY-MM-DD) to names`);
  return value as Record<string, string>;
}

/** A language as the help pages are asked for it: `es`, `pt-BR`. */
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** `holidayNamesIn`: language → date → name, the shape of the bundled `holiday-names.es.json` per language. */
function namesInOf(value: unknown, source: string): Record<string, Record<string, string>> {
  if (!isMap(value))
    throw new ClinicSettingsError(
      `${source}: holidayNamesIn must map languages (such as "es") to dates and names`,
    );
  const out: Record<string, Record<string, string>> = {};
  for (const [lang, names] of Object.entries(value)) {
    if (!LANGUAGE.test(lang))
      throw new ClinicSettingsError(
        `${source}: holidayNamesIn: "${lang}" is not a language code (such as "es" or "pt-BR")`,
      );
    out[lang] = namesOf(names, source, `holidayNamesIn.${lang}`);
  }
  return out;
}

async function readCalendarFile(path: string, source: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ClinicSettingsError(
      `${source}: cannot read the file (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ClinicSettingsError(`${source}: not JSON (${(error as Error).message})`);
  }
}
