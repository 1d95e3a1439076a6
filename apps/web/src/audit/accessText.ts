/** What the access-log text needs of a row (the server adds the titles; ids are never shown). */
export interface AccessWords {
  action: string;
  dataCategory: string | null;
  outcome: 'allow' | 'deny';
  detail: string | null;
  workflowTitle?: string | null;
  stepTitle?: string | null;
}

/**
 * One access-log row as a sentence: "Opened 'Prepare refill' of Refill request · DEMO-5001".
 * `subject` is the request's own one-line description when one is known; without it the workflow
 * title alone names the request.
 */
export function accessText(row: AccessWords, subject?: string | null): string {
  const request = row.workflowTitle
    ? `${row.workflowTitle}${subject ? ` · ${subject}` : ''}`
    : subject || 'a request';
  const step = row.stepTitle ? `'${row.stepTitle}' of ` : '';
  const [method = '', path = ''] = row.action.split(' ');
  const detail = row.detail ?? '';
  const verb = (() => {
    if (path === '/api/tasks/:id' && method === 'GET') return `Opened ${step}${request}`;
    if (path.startsWith('/api/tasks/:id/')) {
      const act = path.slice('/api/tasks/:id/'.length);
      const done: Record<string, string> = {
        claim: 'Claimed',
        release: 'Released',
        complete: 'Completed',
        reassign: 'Reassigned',
        comments: 'Commented on',
      };
      return `${done[act] ?? 'Changed'} a task of ${request}`;
    }
    if (path === '/api/instances/:id' && method === 'GET') return `Opened ${request}`;
    if (path === '/api/instances/:id/notes')
      return method === 'GET' ? `Read the notes of ${request}` : `Added a note to ${request}`;
    if (path === '/api/instances/:id/notes/:noteId') return `Edited a note on ${request}`;
    if (path.endsWith('/history')) return `Read the history of ${request}`;
    if (path.endsWith('/replay')) return `Replayed the history of ${request}`;
    if (path.endsWith('/export')) return `Exported the history of ${request}`;
    if (path === '/api/instances' && method === 'POST') return `Started ${request}`;
    if (path === '/api/backups' && method === 'POST') return 'Took a backup of every request';
    switch (row.dataCategory) {
      case 'instance-list': {
        const search = /^search by ([a-z ]+?): (\d+) instances?/.exec(detail);
        if (search) return `Searched requests by ${search[1]}: ${search[2]} found`;
        const count = /^(\d+) instances?/.exec(detail);
        return count ? `Listed ${count[1]} requests` : 'Listed requests';
      }
      case 'task-list':
        return 'Listed tasks';
      case 'access-log':
        return 'Read the access log';
      case 'history':
        return row.workflowTitle ? `Read the history of ${request}` : 'Checked the histories';
      case 'phi':
        return `Read ${request}`;
      default:
        return `${method === 'GET' ? 'Read' : 'Changed'} ${row.dataCategory ?? 'data'}`;
    }
  })();
  return row.outcome === 'deny' ? `Refused: ${verb.charAt(0).toLowerCase()}${verb.slice(1)}` : verb;
}
