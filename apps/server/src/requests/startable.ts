import { type Definition, type FormField, intakeRoles, patientReferenceFields } from '@portalflow/engine';
import { type AuthUser, canAct, isLead } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import type { InstanceService } from '../instances/service.ts';

/** A workflow the caller may start from My work, with its start form. */
export interface Startable {
  definitionId: string;
  version: number;
  title: string;
  description: string | null;
  form: FormField[];
  /** Whether its requests have a subject (the template itself is not patient data, but is not needed). */
  hasSubject: boolean;
  /** The fields kept as the patient's chart number. */
  patientFields: string[];
}

/**
 * Starting a request from My work: the workflow must declare an intake; leads and admins may start
 * any such workflow, staff only those whose intake names one of their roles. Auditors never act.
 */
export function canStartRequest(user: AuthUser, definition: Definition): boolean {
  if (!definition.intake || !canAct(user)) return false;
  if (isLead(user)) return true;
  const roles = intakeRoles(definition);
  return user.roles.some((r) => roles.includes(r));
}

/** The latest published version of every workflow the caller may start, by title. */
export async function startableFor(
  deps: AppDeps,
  instances: InstanceService,
  user: AuthUser,
): Promise<Startable[]> {
  const found: Startable[] = [];
  for (const summary of await deps.store.listDefinitions()) {
    // Never published, or retired by a lead: no new request starts it.
    if (summary.latestVersion === null || summary.retiredAt !== null) continue;
    const definition = await instances.definition(summary.id, summary.latestVersion);
    if (!canStartRequest(user, definition)) continue;
    found.push({
      definitionId: summary.id,
      version: summary.latestVersion,
      title: definition.title,
      description: definition.description ?? null,
      form: definition.intake?.form ?? [],
      hasSubject: definition.subject !== undefined,
      patientFields: [...patientReferenceFields(definition)],
    });
  }
  return found.sort((a, b) => a.title.localeCompare(b.title));
}
