import type { Page } from 'playwright-core';

/**
 * The task's panel open and ready to finish: shown for this task, its draft read (until then the
 * outcome buttons are greyed, "Loading your draft…", and Tab passes them by to the step's help).
 */
export async function taskPanelReady(page: Page, taskId: string): Promise<void> {
  const panel = page.locator(`[data-testid="task-panel"][data-task-id="${taskId}"]`);
  await panel.waitFor();
  await panel.locator('[data-testid^="outcome-button-"]:not([disabled])').first().waitFor();
}
