import type { Definition, EngineEvent } from '@portalflow/engine';
import type { Instance } from '@portalflow/store';
import type { AuthUser } from '../auth/roles.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { mayWorkAs } from './practice-stand-in.ts';

/**
 * The engine event that ends a wait early, checked on the state it commits to: the wait still open
 * (else 409, so of two people ending it at once one wins) and the caller one of the role it names.
 */
export function endWaitEvent(
  user: AuthUser,
  instance: Instance,
  definition: Definition,
  command: { token: string; reason: string },
): EngineEvent {
  // Who could never end a wait of this workflow early is refused before anything of its state is said.
  const enders = Object.values(definition.steps).flatMap((s) =>
    s.type === 'wait' && s.endEarlyBy !== undefined ? [s.endEarlyBy] : [],
  );
  if (!enders.some((role) => mayWorkAs(user, instance, role)))
    throw forbidden('Your roles do not end waits early in this workflow');
  const wait = Object.values(instance.snapshot.context.active).find(
    (a) => a.kind === 'wait' && a.token === command.token,
  );
  if (!wait)
    throw new ApiError(
      409,
      'STEP_NOT_ACTIVE',
      'This wait has already ended: someone ended it, or its signal or time came',
      { status: instance.status },
    );
  const step = definition.steps[wait.step];
  const role = step?.type === 'wait' ? step.endEarlyBy : undefined;
  if (role === undefined) throw forbidden('Nobody ends this wait early: it waits for its signal or its time');
  if (!mayWorkAs(user, instance, role)) {
    const name = definition.roles.find((r) => r.id === role)?.name ?? role;
    throw forbidden(`Only the ${name} role may end this wait early`);
  }
  return { type: 'end-wait', token: wait.token, role, actor: user.id, reason: command.reason };
}
