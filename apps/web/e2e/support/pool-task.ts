import type { Page } from 'playwright-core';
import { signIn } from './browser.ts';
import { PASSWORD } from './server.ts';

/** A role's pool opened from My work's folders, and the first task whose row reads `row` opened in it. */
export async function openPoolTask(page: Page, role: string, row: string): Promise<void> {
  await page.getByTestId(`work-folder-pool-${role}`).click();
  await page.getByTestId('task-list').getByText(row).first().click();
}

/**
 * A lab result's check filled in as a medical assistant reads it off the lab's report (a lab result,
 * flagged normal, no hold asked for) and finished as verified.
 */
export async function verifyNormalLabResult(page: Page): Promise<void> {
  const form = page.getByTestId('task-form');
  await form.getByTestId('form-field-resultKind').click();
  await page.getByRole('option', { name: 'Lab', exact: true }).click();
  await form.getByTestId('form-field-flag').click();
  await page.getByRole('option', { name: 'Normal', exact: true }).click();
  await form.getByLabel('No', { exact: true }).check();
  await page.getByTestId('outcome-button-verified').click();
}

/**
 * The front desk, signed in as `username`, claims a sign-in help request from its pool and opens
 * Hand to a colleague on it: the dialog.
 */
export async function frontDeskHandOff(page: Page, baseUrl: string, username = 'front-desk') {
  await signIn(page, baseUrl, username, PASSWORD);
  await openPoolTask(page, 'front-desk', 'Sign-in help');
  await page.getByTestId('claim-button').click();
  await page.getByTestId('hand-off-button').click();
  return page.getByTestId('hand-off-dialog');
}
