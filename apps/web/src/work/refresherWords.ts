import type { MyRefreshers } from '@portalflow/contract';

/** The task open in front of the person: its workflow, its role, and the version its request runs on. */
export interface TaskInFront {
  definitionId: string;
  role: string;
  version: number;
}

export interface RefresherWords {
  text: string;
  /** Whether the refresher spoken of asks for a practice run as well as reading. */
  practice: boolean;
}

/**
 * What "What changed for you" says above My work. With a task open whose workflow has a refresher to
 * do, it speaks of that task only: a request started before the change keeps running on its version,
 * so the banner says the task runs on the earlier version instead of suggesting the task changed; a
 * request on the new version has the change. Otherwise it names the first refresher to do, by its
 * workflow's title, or says a regular refresher is due.
 */
export function refresherWords(mine: MyRefreshers, task: TaskInFront | null): RefresherWords {
  const open = mine.changes.filter((c) => !c.done);
  const count = open.length + mine.periodic.filter((p) => p.due).length;
  const more = count > 1 ? ` ${count} refreshers to do.` : '';
  const same = task ? open.filter((c) => c.definitionId === task.definitionId) : [];
  const about = same.find((c) => c.role === task?.role) ?? same[0];
  if (task && about) {
    const text =
      task.version < about.version
        ? `This task runs on version ${task.version} of ${about.title}, the one its request started on: work it as it shows. What changed for ${about.roleName} in version ${about.version} applies to requests started on it.`
        : `${about.title} changed for ${about.roleName} since version ${about.previousVersion}. This task runs on version ${task.version}, with the change.`;
    return { text: text + more, practice: about.practiceNeeded };
  }
  const first = open[0];
  if (!first) return { text: `A regular refresher is due.${more}`, practice: true };
  return {
    text: `${first.title} changed for ${first.roleName} since version ${first.previousVersion} (now version ${first.version}).${more}`,
    practice: first.practiceNeeded,
  };
}
