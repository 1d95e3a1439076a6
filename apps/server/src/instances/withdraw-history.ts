import type { AuditPort, Instance } from '@portalflow/store';
import { type AuthUser, isLead } from '../auth/roles.ts';
import type { Recorded } from './withdraw.ts';

/**
 * The events after a request's start that the withdrawal rule reads (`withdraw.ts`), up to the
 * revision read and no further: the rule then sees exactly the state a cancel would commit to. Read
 * only when they can matter — an open request that `user` (not a lead: leads cancel any) started and
 * that has changed since its start; otherwise none.
 */
export async function historyForWithdrawal(
  store: Pick<AuditPort, 'listEvents'>,
  user: AuthUser | null,
  instance: Pick<Instance, 'id' | 'startedBy' | 'status' | 'revision'>,
): Promise<Recorded[]> {
  const matters =
    user !== null &&
    !isLead(user) &&
    instance.status === 'active' &&
    instance.startedBy === user.id &&
    instance.revision > 1;
  if (!matters) return [];
  return store.listEvents(instance.id, { fromSeq: 2, toSeq: instance.revision });
}
