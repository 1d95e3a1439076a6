import { categoryWords } from './access-categories.ts';
import { refusedSignIn } from './refused-sign-in.ts';

/** "1 request", "2,500 requests". */
const countOf = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${n === 1 ? noun : `${noun}s`}`;

/** What the access-log text needs of a row (the server adds the titles; ids are never shown). */
export interface AccessWords {
  action: string;
  dataCategory: string | null;
  outcome: 'allow' | 'deny';
  detail: string | null;
  workflowTitle?: string | null;
  /** The chart number the request is filed under (DEMO-1001): tells two requests of a workflow apart. */
  reference?: string | null;
  stepTitle?: string | null;
}

/** The lists a list read names in its detail ("pool: 25; instances: …"), in words. */
const LISTS: Record<string, string> = {
  mine: 'my tasks',
  pool: 'task pool',
  all: 'every task',
  done: 'done tasks',
  notifications: 'notifications',
  instances: 'request list',
};

/**
 * The request ids a list or search entry named: after "; instances: " (a list: "pool: 25; instances:
 * a,b") or in the closing parentheses (a search: "search by …: 2 instances (a, b)"). For the row's
 * disclosure and the CSV, never for the row's own line.
 */
export function listedRequests(detail: string | null): string[] {
  if (!detail) return [];
  const marker = '; instances: ';
  const at = detail.indexOf(marker);
  const ids =
    at >= 0
      ? detail.slice(at + marker.length).split(',')
      : (/\(([^)]*)\)$/.exec(detail)?.[1]?.split(',') ?? []);
  return ids.map((id) => id.trim()).filter((id) => id !== '' && id !== 'none');
}

/** "Listed 23 requests (task pool)": how many requests a list showed, and which list. */
function listed(detail: string): string {
  const n = listedRequests(detail).length;
  const kind = LISTS[detail.split(':')[0] ?? ''];
  return `Listed ${n === 0 ? 'no requests' : countOf(n, 'request')}${kind ? ` (${kind})` : ''}`;
}

/** Things done to a request's task, by the route's last part. */
const TASK_ACTS: Record<string, string> = {
  claim: 'Claimed',
  release: 'Released',
  complete: 'Completed',
  reassign: 'Reassigned',
};

/** Routes that are not about one request, in words (method and route pattern as the log keeps them). */
const OTHER_ROUTES: Record<string, string> = {
  'GET /api/audit/access-log': 'Read the access log',
  'POST /api/audit/access-log/export': 'Exported the access log',
  'POST /api/audit/checkpoints': 'Signed a checkpoint of every history',
  'GET /api/audit/checkpoints': 'Listed the history checkpoints',
  'POST /api/backups': 'Took a backup of every request',
  'POST /api/auth/login': 'Signed in',
  'POST /api/auth/logout': 'Signed out',
  'POST /api/auth/totp/verify': 'Gave a two-factor code',
  'POST /api/auth/totp/setup': 'Set up two-factor sign-in',
  'POST /api/auth/totp/confirm': 'Set up two-factor sign-in',
  'POST /api/auth/set-password': 'Set a password with a one-time code',
  'GET /api/auth/oidc/start': 'Started single sign-on',
  'GET /api/auth/oidc/callback': 'Signed in with single sign-on',
  'POST /api/me/password': 'Changed their own password',
  'GET /api/users': 'Listed the accounts',
  'POST /api/users': 'Created an account',
  'PATCH /api/users/:id': 'Changed an account',
  'POST /api/users/import': 'Imported the staff list',
  'POST /api/users/:id/set-password-code': 'Issued a one-time sign-in code',
  'GET /api/users/:id/sessions': 'Listed the sessions of an account',
  'DELETE /api/users/:id/sessions': 'Ended the sessions of an account',
  'DELETE /api/users/:id/sessions/:sessionId': 'Ended a session of an account',
  'GET /api/users/:id/held-tasks': 'Listed the tasks an account holds',
  'GET /api/account-changes': 'Read the account change history',
  'GET /api/tokens': 'Listed API tokens',
  'POST /api/tokens': 'Created an API token',
  'DELETE /api/tokens/:id': 'Revoked an API token',
  'GET /api/users/:id/tokens': 'Listed the API tokens of an account',
  'DELETE /api/users/:id/tokens/:tokenId': 'Revoked an API token of an account',
  'POST /api/emergency-access': 'Asked for break-glass access',
  'POST /api/emergency-access/:id/end': 'Ended break-glass access',
  'POST /api/intake/keys': 'Created an intake key',
  'DELETE /api/intake/keys/:id': 'Revoked an intake key',
  'GET /api/sso/groups': 'Read the single sign-on groups',
  'PUT /api/sso/groups': 'Saved the single sign-on groups',
  'POST /api/webhooks': 'Added a webhook',
  'PATCH /api/webhooks/:id': 'Changed a webhook',
  'DELETE /api/webhooks/:id': 'Removed a webhook',
  'GET /api/users/:id/sign-in-pause': 'Looked whether an account’s sign-in is paused',
  'DELETE /api/users/:id/sign-in-pause': 'Let a person held back after failed sign-ins sign in now',
  'POST /api/outbox/:id/resend': 'Re-sent a webhook delivery',
};

/** What was done to one request: `request` names it, `step` is "'Prepare refill' of " or empty. */
function onRequest(
  method: string,
  path: string,
  detail: string,
  request: string,
  step: string,
): string | null {
  const values = detail.endsWith('with values') ? ' with its values' : '';
  if (path === '/api/tasks/:id' && method === 'GET') return `Opened ${step}${request}`;
  if (path === '/api/tasks/:id/comments')
    return method === 'GET' ? `Read the notes of ${request}` : `Added a note to ${request}`;
  if (path.startsWith('/api/tasks/:id/'))
    return `${TASK_ACTS[path.slice('/api/tasks/:id/'.length)] ?? 'Changed'} a task of ${request}`;
  if (path === '/api/tasks/reassign') return `Reassigned a task of ${request}`;
  if (path === '/api/instances/:id' && method === 'GET') return `Opened ${request}`;
  if (path === '/api/instances/:id/signal') return `Sent a signal to ${request}`;
  if (path === '/api/instances/:id/cancel') return `Cancelled ${request}`;
  if (path === '/api/instances/:id/notes')
    return method === 'GET' ? `Read the notes of ${request}` : `Added a note to ${request}`;
  if (path === '/api/instances/:id/notes/:noteId') return `Edited a note on ${request}`;
  if (path === '/api/instances/:id/attachments')
    return method === 'GET' ? `Listed the files of ${request}` : `Attached a file to ${request}`;
  if (path === '/api/instances/:id/attachments/:attachmentId') return `Downloaded a file of ${request}`;
  if (path === '/api/instances/:id/attachments/:attachmentId/remove') return `Took a file off ${request}`;
  if (path.endsWith('/history')) return `Read the history of ${request}${values}`;
  if (path.endsWith('/replay') || path.endsWith('/states'))
    return `Replayed the history of ${request}${values}`;
  if (path === '/api/instances/:id/export') return `Exported the history of ${request}`;
  if (path === '/api/audit/verify') return `Checked the history of ${request} for changes`;
  if ((path === '/api/instances' || path === '/api/requests') && method === 'POST')
    return `Started ${request}`;
  if (path.startsWith('/api/intake/') || path === '/fhir/Communication')
    return `Started ${request} from another system`;
  if (path === '/fhir/Task/:id') return `Opened a task of ${request} from another system`;
  // Disabling a person returns their open tasks: one row per request.
  if (path === '/api/users/:id' && detail.startsWith('returned to its pool'))
    return `Returned a task of ${request} to its pool`;
  return null;
}

/**
 * How a row's sentence names its request: "Refill request · DEMO-5001" (its workflow's title, then the
 * subject when one is given, else the reference it is filed under), else "a request". The CSV's request column uses the same words, so the
 * download names a request no more than the screen does.
 */
export function requestName(
  row: Pick<AccessWords, 'workflowTitle' | 'reference'>,
  subject?: string | null,
): string {
  const which = subject || row.reference;
  return row.workflowTitle ? `${row.workflowTitle}${which ? ` · ${which}` : ''}` : which || 'a request';
}

/**
 * One access-log row as a sentence: "Opened 'Prepare refill' of Refill request · DEMO-5001", "Listed 23
 * requests (task pool)", "Downloaded a file of Refill request". `subject` is the request's own one-line
 * description when one is known; without it the workflow title and the reference name the request. The method and
 * route stay in the row's details and the CSV.
 */
export function accessText(row: AccessWords, subject?: string | null): string {
  const refused = refusedSignIn(row);
  if (refused) return refused;
  const request = requestName(row, subject);
  const step = row.stepTitle ? `'${row.stepTitle}' of ` : '';
  const [method = '', path = ''] = row.action.split(' ');
  const detail = row.detail ?? '';
  const verb = (() => {
    if (detail.startsWith('by patient reference'))
      return `Read the access log of one patient: ${countOf(listedRequests(detail).length, 'request')} found`;
    if (path === '/api/audit/access-log' && row.workflowTitle) return `Read who opened ${request}`;
    const search = /^search by ([a-z ]+?): (\d+) instances?/.exec(detail);
    if (search) return `Searched requests by ${search[1]}: ${search[2]} found`;
    if (detail.startsWith('status lookup by patient reference'))
      return `Looked up requests by patient reference: ${listedRequests(detail).length} found`;
    if (detail.startsWith('open matches'))
      return `Checked for open requests like a new one: ${listedRequests(detail).length} found`;
    const done = onRequest(method, path, detail, request, step);
    if (done) return done;
    if (path === '/api/audit/verify') return 'Checked every history for changes';
    const named = OTHER_ROUTES[`${method} ${path}`];
    if (named) return named;
    switch (row.dataCategory) {
      case 'instance-list':
      case 'task-list':
        if (detail.startsWith('migration dry run')) return 'Tried a move of requests to a new version';
        return detail.includes(':')
          ? listed(detail)
          : row.dataCategory === 'task-list'
            ? 'Listed tasks'
            : 'Listed requests';
      case 'history':
        return row.workflowTitle ? `Read the history of ${request}` : 'Checked the histories';
      case 'phi':
        return `Read ${request}`;
      default:
        return `${method === 'GET' ? 'Read' : 'Changed'} ${categoryWords(row.dataCategory).toLowerCase()}`;
    }
  })();
  return row.outcome === 'deny' ? `Refused: ${verb.charAt(0).toLowerCase()}${verb.slice(1)}` : verb;
}
