import type { Definition } from '@portalflow/engine';
import { requestSubject } from '@portalflow/engine';
import type { Instance } from '@portalflow/store';
import { activeSteps, instanceView } from './view.ts';

/** An instance as a change left it, with the version it runs on. */
export interface Changed {
  instance: Instance;
  definition: Definition;
}

/** The answer to a change of an instance: the instance as it now is. */
export const instanceReply = (v: Changed) => ({ instance: instanceView(v.instance, v.definition) });

/** The answer to a task action: the task as it now is (null once closed) and its instance. */
export const taskReply = (v: Changed, token: string) => ({
  task: activeSteps(v.instance.id, v.definition, v.instance.snapshot).find((a) => a.token === token) ?? null,
  instance: instanceView(v.instance, v.definition),
});

/** The answer to a started request: the instance and its subject line (its dates read against `today`, the clinic's). */
export const requestReply = (v: Changed, today: string) => ({
  instance: instanceView(v.instance, v.definition),
  subject: requestSubject(v.definition, v.instance.snapshot.context.data, today),
});

/**
 * Which answer a change gives, as data: the service stores it with an Idempotency-Key in the change's
 * own commit (so a replay answers exactly as the first request was answered).
 */
export type Reply =
  | { kind: 'instance' }
  | { kind: 'task'; token: string }
  | { kind: 'request' }
  | { kind: 'none' };

export function replyFor(reply: Reply, v: Changed, today: string): unknown {
  switch (reply.kind) {
    case 'instance':
      return instanceReply(v);
    case 'task':
      return taskReply(v, reply.token);
    case 'request':
      return requestReply(v, today);
    case 'none':
      return null;
  }
}
