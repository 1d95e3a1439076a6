import type { OpenMatch } from '@portalflow/contract';
import { type Definition, requestSubject, subjectFields, withChartNumbers } from '@portalflow/engine';
import type { AuthUser } from '../auth/roles.ts';
import { clinicToday } from '../clinic/today.ts';
import type { AppDeps } from '../deps.ts';
import { canReadInstance } from '../instances/access.ts';
import type { InstanceService } from '../instances/service.ts';

/** Open requests of a workflow read at most per check: a clinic's open work of one kind is far fewer. */
const SCAN_LIMIT = 500;

/**
 * A subject as two people would type it on the phone: case, spaces and punctuation left out ("Lisinopril
 * 10 mg" and "lisinopril 10mg." are one refill), but a decimal point between digits kept (1.0 mg is not
 * 10 mg). A match only warns the front desk, so a near miss costs a glance; a missed one, a second task.
 */
const POINT = '\uE000'; // private use: neither space, punctuation nor symbol, so it outlives the sweep
export const subjectKey = (subject: string) =>
  subject
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/(\d)[.,](?=\d)/g, `$1${POINT}`)
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replaceAll(POINT, '.');

const same = (a: string, b: string) => subjectKey(a) === subjectKey(b);

/**
 * Open requests of the same workflow with the same subject as the start data would give, e.g. a second
 * "DEMO-3001 · Refill: lisinopril" while the first is still with the refill coordinator: the pharmacy
 * faxed and the patient called. The subject is what the workflow's designer chose to tell requests
 * apart, so two requests with one subject are the same request; a workflow without one is never matched.
 * Candidates are narrowed in the database by the subject's first field (usually the patient reference).
 * Each is named by its id; who started it, its steps and who holds them only where the caller may read
 * it (they started it, or hold a role with a task in it), as a status lookup would tell them.
 */
export async function openMatches(
  deps: AppDeps,
  instances: InstanceService,
  user: AuthUser,
  definition: Definition,
  data: Record<string, unknown>,
): Promise<OpenMatch[]> {
  const today = clinicToday(deps);
  // As the request would be kept: "Patient/DEMO-5001" typed is looked for as DEMO-5001.
  const typed = withChartNumbers(definition, data);
  const subject = requestSubject(definition, typed, today);
  if (!definition.subject || !subject) return [];
  const first = subjectFields(definition.subject)
    .map((f) => typed[f])
    .find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const page = await deps.store.listInstances({
    definitionId: definition.id,
    status: 'active',
    limit: SCAN_LIMIT,
    ...(first ? { dataValue: first.trim() } : {}),
  });
  const matches: OpenMatch[] = [];
  for (const summary of page.items) {
    const instance = await deps.store.getInstance(summary.id);
    if (!instance) continue;
    const theirs = await instances.definition(instance.definitionId, instance.version);
    const shown = requestSubject(theirs, instance.snapshot.context.data, today);
    if (!shown || !same(shown, subject)) continue;
    // A warning, not a break-glass read: emergency access does not widen it.
    const readable = await canReadInstance(user, instance, deps.store, { emergency: false });
    const starter = readable && instance.startedBy ? await deps.store.getUser(instance.startedBy) : null;
    const waitingOn: OpenMatch['waitingOn'] = [];
    for (const a of Object.values(instance.snapshot.context.active)) {
      const step = theirs.steps[a.step];
      const role = a.role ?? null;
      const holder = readable && a.assignee ? await deps.store.getUser(a.assignee) : null;
      waitingOn.push({
        title: readable ? (step && 'title' in step && step.title) || a.step : null,
        role,
        roleName: (role && theirs.roles.find((r) => r.id === role)?.name) || null,
        heldBy: holder?.displayName ?? null,
      });
    }
    matches.push({
      instanceId: instance.id,
      // What the caller typed gives the same subject: theirs as stored is told only to its readers.
      subject: readable ? shown : subject,
      startedAt: instance.startedAt,
      startedBy: starter?.displayName ?? null,
      readable,
      waitingOn,
    });
  }
  return matches;
}
