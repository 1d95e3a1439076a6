/**
 * The bundled examples: the nine portal workflows clinics run (see README.md), the role catalog
 * and the clinic calendar, with the simulation scripts that walk every outcome of each workflow.
 *
 * Read from this folder on first import: a workflow is `workflows/<id>.json` and its stories are
 * `scripts/<id>/*.json`, so adding one is adding files. Values are typed loosely on purpose: the
 * engine's parser (`parseDefinition`, `parseScript`) validates them. Only the demo seed, the CLI's
 * `demo` command and tests import this package; the server never needs it to run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One role of the catalog: the lanes of the examples, with a job-description paragraph. */
export interface CatalogRole {
  id: string;
  name: string;
  department: string;
  description: string;
}

/** A simulation script: a story told as engine events (see docs/format.md), named after the story. */
export interface ExampleScript {
  name: string;
  events: unknown[];
}

/** One example workflow: its definition (unvalidated JSON) and its scripts. */
export interface ExampleWorkflow {
  id: string;
  definition: unknown;
  scripts: ExampleScript[];
}

/** The order the clinic tells them in (the demo and `portalflow demo` list them so); others follow by name. */
const CLINIC_ORDER = [
  'portal-message-triage',
  'urgent-after-hours',
  'prescription-refill',
  'lab-result-release',
  'proxy-access',
  'enrollment-activation',
  'password-reset',
  'appointment-request',
  'billing-question',
];

/** Absolute path of the examples folder (with a trailing slash): `src/` and `dist/` both sit one below it. */
export const examplesDir: string = fileURLToPath(new URL('../', import.meta.url));

function readJson<T>(...path: string[]): T {
  return JSON.parse(readFileSync(join(examplesDir, ...path), 'utf8')) as T;
}

function jsonNames(...dir: string[]): string[] {
  const path = join(examplesDir, ...dir);
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

function rank(id: string): number {
  const at = CLINIC_ORDER.indexOf(id);
  return at === -1 ? CLINIC_ORDER.length : at;
}

/** Every role used by the examples, with its department and job description. */
export const roleCatalog: CatalogRole[] = readJson('roles.json');

/** The clinic calendar the scripts are written for: Mountain time, weekdays 08:00–17:00, US federal holidays. */
export const clinicCalendar: unknown = readJson('calendar.json');

/** What staff call each of the demo clinic's closed days, by date (shown on the Clinic hours page). */
export const clinicHolidayNames: Record<string, string> = readJson('holiday-names.json');

/**
 * The same days' names in the other languages of the patients' help page, by language then date:
 * the page in Spanish says "Día de Acción de Gracias", not "Thanksgiving".
 */
export const clinicHolidayNamesIn: Record<string, Record<string, string>> = {
  es: readJson('holiday-names.es.json'),
};

/** The nine workflows, in the order of the clinic's list, each with its simulation scripts. */
export const workflows: ExampleWorkflow[] = jsonNames('workflows')
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  .map((id) => ({
    id,
    definition: readJson('workflows', `${id}.json`),
    scripts: jsonNames('scripts', id).map((name) => ({
      name,
      events: readJson<unknown[]>('scripts', id, `${name}.json`),
    })),
  }));

/**
 * Clinic-made help videos for the demo: 6-second WebM slides (`refill-request.webm`, and
 * `refill-request.es.webm` with the words on screen in Spanish; made with
 * ffmpeg from a colour source and drawn text) with WebVTT captions in English and Spanish.
 */
export const helpMediaDir: string = join(examplesDir, 'help-media');
