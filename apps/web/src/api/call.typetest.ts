import {
  type addAttachment,
  SIGN_IN_ROUTES,
  type startableRequests,
  type startRequest,
} from '@portalflow/contract';
import { type Answer, type CallInput, call } from './call.ts';
import type { MultipartInput } from './callMultipart.ts';

// Compile-time checks of the typed client (this file is typechecked, never run).
const started = null as unknown as Answer<typeof startRequest>;
const subject: string | null = started.subject;
// @ts-expect-error the answer has no such field
started.nothing;
const input: CallInput<typeof startRequest> = { body: { definitionId: 'refill-request' } };
// @ts-expect-error a body is required
const missing: CallInput<typeof startRequest> = {};
const list = null as unknown as Answer<typeof startableRequests>;
const title: string = list.workflows[0]!.title;
const upload: MultipartInput<typeof addAttachment> = { params: { id: 'i1' }, parts: { taskId: null } };
// @ts-expect-error the request's id is required
const noRequest: MultipartInput<typeof addAttachment> = { parts: {} };
const attached = null as unknown as Answer<typeof addAttachment>;
const fileName: string = attached.attachment.name;
// A route called by its address (no schemas) is typed as the route itself.
const signIn = async () => {
  const answer = await call(SIGN_IN_ROUTES.login, { body: { username: 'a', password: 'b' } });
  const stage: 'full' | 'totp' | 'enroll' = answer.stage;
  // @ts-expect-error the answer has no such field
  answer.nothing;
  // @ts-expect-error the login body needs a password
  await call(SIGN_IN_ROUTES.login, { body: { username: 'a' } });
  return stage;
};
export const typeChecks = [subject, input, missing, title, upload, noRequest, fileName, signIn];
