import { expect } from 'vitest';
import { apiSession } from './api.ts';
import { PASSWORD } from './server.ts';

/**
 * A lab result the medical assistant has taken to work on, for tests of what a deadline does to a task
 * someone holds: the request is started and its first task claimed through the API, as the app does.
 */
export async function heldLabResult(
  url: string,
  data: { patient: string; test: string },
): Promise<{ assistant: Awaited<ReturnType<typeof apiSession>>; taskId: string; path: string }> {
  const assistant = await apiSession(url, 'medical-assistant', PASSWORD);
  const started = await assistant<{ instance: { active: { taskId: string }[] } }>('POST', '/requests', {
    definitionId: 'lab-result-release',
    data,
  });
  expect(started.status).toBe(201);
  const taskId = started.body.instance.active[0]!.taskId;
  const path = `/tasks/${encodeURIComponent(taskId)}`;
  expect((await assistant('POST', `${path}/claim`, {})).status).toBe(200);
  return { assistant, taskId, path };
}

/** A lead moves the task's deadline to `due`, with the reason in words. */
export async function moveDeadline(url: string, path: string, due: number, reason: string): Promise<void> {
  const lead = await apiSession(url, 'lead', PASSWORD);
  expect((await lead('POST', `${path}/reassign`, { due: new Date(due).toISOString(), reason })).status).toBe(
    200,
  );
}
