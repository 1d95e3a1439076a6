import { type Definition, type FieldError, type IntakeChannel, mapIntake } from '@portalflow/engine';
import type { AccessEntry, Instance } from '@portalflow/store';
import { clinicToday } from '../clinic/today.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { type InstanceService, nameBasedInstanceId } from '../instances/service.ts';

export interface IntakeStarted {
  instance: Instance;
  definition: Definition;
  /** This delivery had already started `instance`; nothing changed now. */
  duplicate: boolean;
}

/** A message whose mapped values do not fit the start form: 422, naming the field and its pointer. */
export class IntakeInvalid extends ApiError {
  constructor(readonly fields: (FieldError & { pointer?: string })[]) {
    super(422, 'INTAKE_INVALID', fields[0]?.message ?? 'The message does not fit the start form', { fields });
  }
}

/**
 * Starts a workflow from a message another system sent: its mapped values, validated like the start
 * form, become the first data. `deliveryId` (a webhook-id) names the instance, so the same delivery
 * twice — even two at once — starts one instance, and every later copy answers with it.
 */
export async function startFromIntake(
  deps: AppDeps,
  instances: InstanceService,
  input: {
    workflowId: string;
    channel: IntakeChannel;
    message: unknown;
    deliveryId: string | null;
    access: (instanceId: string) => AccessEntry;
  },
): Promise<IntakeStarted> {
  const version = await deps.store.getVersion(input.workflowId);
  if (!version)
    throw new ApiError(404, 'NOT_FOUND', `Workflow '${input.workflowId}' has no published version`);
  const id =
    input.deliveryId === null
      ? undefined
      : nameBasedInstanceId('portalflow-intake', input.workflowId, input.deliveryId);
  if (id !== undefined && (await deps.store.getInstance(id))) {
    const existing = await instances.load(id);
    await deps.store.logAccess(input.access(id));
    return { ...existing, duplicate: true };
  }
  const definition = await instances.definition(version.definitionId, version.version);
  const mapped = mapIntake(definition, input.channel, input.message, clinicToday(deps));
  if (!mapped.ok) throw new IntakeInvalid(mapped.errors);
  const applied = await instances.start(
    { user: null, role: null },
    {
      definitionId: version.definitionId,
      version: version.version,
      data: mapped.data,
      calendar: deps.calendar,
    },
    // The service fills in the new instance's id.
    id === undefined ? { access: input.access('') } : { access: input.access(id), instanceId: id },
  );
  if (applied.duplicate) await deps.store.logAccess(input.access(applied.instance.id));
  return {
    instance: applied.instance,
    definition: applied.definition,
    duplicate: applied.duplicate === true,
  };
}
