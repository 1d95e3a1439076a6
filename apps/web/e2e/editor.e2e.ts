import type { Definition } from '@portalflow/engine';
import { DEMO_PEOPLE } from '@portalflow/server';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { dismissToasts, openBrowser, screenshot, signIn } from './support/browser.ts';
import { clearSelection } from './support/canvas.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
let lead: Awaited<ReturnType<typeof apiSession>>;
/** The workflow drawn from scratch in the first test, once it is published. */
let published: { id: string; firstRole: string } | null = null;

beforeAll(async () => {
  server = await startTestServer();
  lead = await apiSession(server.url, 'lead', PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

/** A small valid two-lane workflow stored through the API, for the tests that do not draw one. */
async function createWorkflow(id: string): Promise<void> {
  const definition: Definition = {
    id,
    title: `Callback ${id}`,
    roles: [
      { id: 'front-desk', name: 'Front desk' },
      { id: 'triage-nurse', name: 'Triage nurse' },
    ],
    start: 'take-call',
    steps: {
      'take-call': {
        type: 'task',
        role: 'front-desk',
        title: 'Take the call',
        outcomes: { done: 'call-back' },
      },
      'call-back': {
        type: 'task',
        role: 'triage-nurse',
        title: 'Call the patient back',
        outcomes: { done: 'finished' },
      },
      finished: { type: 'end', outcome: 'done' },
    },
  };
  const res = await lead('POST', '/definitions', { definition });
  expect(res.status).toBe(201);
}

async function openEditor(page: Page, id: string): Promise<void> {
  await page.goto(`${server.url}/workflows/${encodeURIComponent(id)}`);
  await page.getByTestId('editor-canvas').waitFor();
  await page.locator('.react-flow__node').first().waitFor();
}

/** Chooses an option of a Mantine Select (a combobox that opens a listbox of options). */
async function choose(page: Page, input: Locator, option: string | RegExp): Promise<void> {
  await input.click();
  await page.getByRole('option', { name: option }).first().click();
}

/** Chooses the step `id` in a step picker (it lists steps by their titles). */
async function chooseStep(page: Page, input: Locator, id: string): Promise<void> {
  await input.click();
  await page.locator(`[role="option"]:has([data-step="${id}"])`).first().click();
}

const errorCount = async (page: Page) =>
  Number.parseInt((await page.getByTestId('lint-count-errors').textContent()) ?? 'NaN', 10);

/** The id of the step the inspector shows (the "Name in links and files" field). */
const selectedStepId = (page: Page) =>
  page.getByRole('textbox', { name: /^Name in links and files/ }).inputValue();

async function addRole(page: Page, name: string): Promise<void> {
  await clearSelection(page);
  // A role the clinic does not have yet is an explicit action: name and department.
  await page.getByTestId('new-role').click();
  const form = page.getByRole('group', { name: 'Create a new role' });
  await form.getByRole('textbox', { name: 'New role' }).fill(name);
  await form.getByRole('textbox', { name: 'Department' }).fill('Clinic');
  await page.getByTestId('add-role').click();
  await page
    .getByRole('group', { name: `Role ${name}` })
    .or(page.getByRole('textbox', { name: 'Role name' }))
    .first()
    .waitFor();
}

/** Kebab-case of a title: the id a never-published step takes from it. */
const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const ownerLabel = (name: string) => new RegExp(`^${name}( · .+)?$`);

/** Adds a task from the palette beside the selected step; returns its id (the slug of its title). */
async function addTask(page: Page, title: string, owner: string): Promise<string> {
  await page.getByTestId('palette-task').click();
  await expect.poll(() => selectedStepId(page)).toMatch(/^new-task/);
  await page.getByTestId('inspector-title').fill(title);
  await page.getByTestId('inspector-title').press('Enter');
  const id = slug(title);
  await expect.poll(() => selectedStepId(page)).toBe(id);
  await choose(page, page.getByTestId('inspector-owner'), owner);
  // The owner reads "Name · Department" when the role has a department.
  await expect.poll(() => page.getByTestId('inspector-owner').inputValue()).toMatch(ownerLabel(owner));
  await expect.poll(() => page.getByTestId(`node-${id}`).textContent()).toContain(title);
  return id;
}

/** Whether a step's box lies inside the visible canvas. */
async function onScreen(page: Page, id: string): Promise<boolean> {
  const canvas = (await page.getByTestId('editor-canvas').boundingBox())!;
  const box = await page.getByTestId(`node-${id}`).boundingBox();
  return (
    !!box &&
    box.x >= canvas.x + 150 && // the lane labels band
    box.y >= canvas.y &&
    box.x + box.width <= canvas.x + canvas.width &&
    box.y + box.height <= canvas.y + canvas.height
  );
}

async function selectStep(page: Page, id: string): Promise<void> {
  await page.getByTestId(`node-${id}`).waitFor();
  // Off screen: zoomed out until it shows (fit view stops at a readable size, which may not take in
  // every step).
  const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
  for (let i = 0; i < 12 && !(await onScreen(page, id)); i++) await zoomOut.click();
  await expect.poll(() => onScreen(page, id)).toBe(true);
  await page.getByTestId(`node-${id}`).click();
  await expect.poll(() => selectedStepId(page)).toBe(id);
}

/** Adds an outcome to the selected task that leads to `to`. */
async function addOutcome(page: Page, to: string): Promise<void> {
  await chooseStep(page, page.getByRole('combobox', { name: 'New outcome leads to' }), to);
  await page.getByTestId('add-outcome').click();
}

describe('Editor', () => {
  it('draws a 3-lane workflow from scratch and publishes it', async () => {
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(b.page, server.url, 'lead', PASSWORD);
      const page = b.page;
      await page.goto(`${server.url}/workflows`);
      await page.getByTestId('workflows-table').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workflows');

      await page.getByTestId('new-workflow').click();
      await page.getByTestId('new-workflow-title').fill('Prescription refill from the portal');
      await expect
        .poll(() => page.getByTestId('new-workflow-id').inputValue())
        .toBe('prescription-refill-from-the-portal');
      await page.getByTestId('new-workflow-create').click();
      await page.waitForURL('**/workflows/prescription-refill-from-the-portal');
      await page.getByTestId('editor').waitFor();
      await page.getByTestId('node-first-task').waitFor();
      const id = 'prescription-refill-from-the-portal';
      const first = 'check-the-refill-request';

      // Three lanes, one per role; the starter's "Front desk" role goes, its task moving to Scheduler.
      for (const role of ['Scheduler', 'Triage nurse', 'Provider']) await addRole(page, role);
      await clearSelection(page);
      await page
        .getByRole('group', { name: 'Role Front desk' })
        .getByRole('button', { name: 'Remove role' })
        .click();
      const confirm = page.getByRole('alertdialog', { name: 'Remove role Front desk' });
      await choose(page, confirm.getByRole('combobox', { name: 'Move its tasks to' }), 'Scheduler');
      await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
      const lanes = page.getByTestId('lane-labels').locator('[data-testid^="lane-"]');
      await expect.poll(() => lanes.count()).toBe(3);
      for (const role of ['scheduler', 'triage-nurse', 'provider'])
        await page.getByTestId(`lane-${role}`).waitFor();

      // A task in each lane, titled and owned, connected by outcomes, then an end step.
      await selectStep(page, 'first-task');
      await page.getByTestId('inspector-title').fill('Check the refill request');
      // Never published: the step id follows the title.
      await page.getByTestId('inspector-title').press('Enter');
      await expect.poll(() => selectedStepId(page)).toBe(first);
      await expect
        .poll(() => page.getByTestId('inspector-owner').inputValue())
        .toMatch(ownerLabel('Scheduler'));
      // The starter's example help is for the lead to replace: it holds Publish back until then.
      await page.getByRole('textbox', { name: 'Help text' }).fill('Check the medication and the last visit.');
      const review = await addTask(page, 'Review the medication list', 'Triage nurse');
      const approve = await addTask(page, 'Approve the refill', 'Provider');
      await page.getByTestId('palette-end').click();
      // A new end step has its own title, never a second “End: done”.
      await expect.poll(() => selectedStepId(page)).toMatch(/^finished-/);
      const end = await selectedStepId(page);

      await selectStep(page, approve);
      await addOutcome(page, end);
      await selectStep(page, review);
      await addOutcome(page, approve);
      await page.getByTestId(`edge-steps.${review}.outcomes.done`).waitFor();
      await selectStep(page, first);
      await chooseStep(page, page.getByRole('combobox', { name: 'Outcome done leads to' }), review);
      await page.getByTestId(`edge-steps.${first}.outcomes.done`).waitFor();
      // The starter's end step is no longer reached: remove it.
      await page.getByTestId('node-finished').click();
      await page.keyboard.press('Delete');
      await page.getByTestId('node-finished').waitFor({ state: 'detached' });

      await expect.poll(() => errorCount(page)).toBe(0);
      await expect.poll(() => page.getByTestId('publish-button').isEnabled()).toBe(true);
      await page.getByTestId('save-button').click();
      await page.getByTestId('unsaved-indicator').waitFor({ state: 'detached' });
      await page.getByTestId('publish-button').click();
      // The first version: every step is new, and the confirmation says so before anything is published.
      await page.getByTestId('publish-added').getByText('Review the medication list').waitFor();
      await page.getByTestId('publish-confirm').click();
      await expect
        .poll(() => page.getByTestId('version-badge').textContent(), { timeout: 15_000 })
        .toBe('Published · version 1');

      const server1 = await lead<{ latest: { version: number; definition: Definition } | null }>(
        'GET',
        `/definitions/${id}`,
      );
      expect(server1.body.latest?.version).toBe(1);
      const def = server1.body.latest!.definition;
      expect(def.roles.map((r) => r.id).sort()).toEqual(['provider', 'scheduler', 'triage-nurse']);
      expect(def.steps['first-task']).toBeUndefined();
      expect(def.steps[first]).toMatchObject({ role: 'scheduler', outcomes: { done: review } });
      expect(def.steps[review]).toMatchObject({ role: 'triage-nurse', title: 'Review the medication list' });
      expect(def.steps[approve]).toMatchObject({ role: 'provider', outcomes: { done: end } });
      expect(def.steps[end]?.type).toBe('end');
      published = { id, firstRole: 'scheduler' };

      // Publishing again with nothing changed: the dialog says there is nothing to publish.
      await page.getByTestId('publish-button').click();
      await page.getByTestId('publish-identical').waitFor();
      expect(await page.getByTestId('publish-confirm').isDisabled()).toBe(true);
      await page.getByTestId('publish-cancel').click();

      await clearSelection(page);
      await dismissToasts(page);
      // Back to the view it opens at: readable, from the start.
      await page.getByRole('button', { name: 'Fit view' }).click();
      await page.getByTestId('fit-note').waitFor({ state: 'detached' });
      expect(await seriousViolations(page)).toEqual([]);
      await page.mouse.move(0, 0);
      await screenshot(page, 'editor');

      // Simulate: the first task is open in the Scheduler lane; finish it, the nurse's task opens.
      await page.getByTestId('simulate-button').click();
      await page.getByTestId('simulate-panel').waitFor();
      await page.getByTestId(`sim-outcome-${first}-done`).click();
      await page.getByTestId(`sim-active-${review}`).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.mouse.move(0, 0);
      await screenshot(page, 'editor-simulate');
      await page.getByTestId('simulate-button').click();
      await page.getByTestId('inspector').waitFor();

      // Compare: v1 against a draft where the provider's task was renamed.
      await selectStep(page, approve);
      await page.getByTestId('inspector-title').fill('Approve or decline the refill');
      await page.getByTestId('unsaved-indicator').waitFor();
      await page.getByTestId('compare-button').click();
      await page.getByTestId('compare-panel').waitFor();
      await expect.poll(() => page.getByTestId('compare-from').inputValue()).toMatch(/^Version 1\b/);
      await expect.poll(() => page.getByTestId('change-list').textContent()).toContain('Approve or decline');
      await page.getByTestId(`node-${approve}`).getByText('Changed').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.mouse.move(0, 0);
      await screenshot(page, 'editor-compare');
      await page.getByTestId('compare-close').click();
    } finally {
      await b.close();
    }
  });

  it('starts an instance of the published workflow: its first task is in the first lane’s pool', async () => {
    expect(published, 'the first test publishes the workflow').not.toBeNull();
    const { id, firstRole } = published!;
    const started = await lead<{ instance: { id: string } }>('POST', '/instances', { definitionId: id });
    expect(started.status).toBe(201);
    const tasks = await lead<{ items: Array<{ instanceId: string; step: string; role: string | null }> }>(
      'GET',
      `/tasks?scope=all&definitionId=${id}&limit=500`,
    );
    expect(tasks.status).toBe(200);
    const mine = tasks.body.items.filter((t) => t.instanceId === started.body.instance.id);
    expect(mine).toEqual([expect.objectContaining({ step: 'check-the-refill-request', role: firstRole })]);
  });

  it('a lint error appears and clears; Publish follows it', async () => {
    await createWorkflow('lint-check');
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(b.page, server.url, 'lead', PASSWORD);
      const page = b.page;
      await openEditor(page, 'lint-check');
      await expect.poll(() => errorCount(page)).toBe(0);
      await expect.poll(() => page.getByTestId('publish-button').isEnabled()).toBe(true);

      // A task with no outcome: staff could never finish it.
      await selectStep(page, 'take-call');
      await page.getByTestId('palette-task').click();
      await expect.poll(() => selectedStepId(page)).toMatch(/^new-task/);
      const added = await selectedStepId(page);
      await expect.poll(() => errorCount(page)).toBeGreaterThan(0);
      expect(await page.getByTestId('publish-button').isDisabled()).toBe(true);
      await expect
        .poll(() => page.locator('#pf-publish-reason').textContent())
        .toMatch(/^Fix \d+ errors? before publishing\. Step “New task”: /);
      await page.locator('[data-testid="lint-finding"][data-severity="error"]').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      // Fix it: wire it into the flow and give it an outcome.
      await selectStep(page, 'take-call');
      await chooseStep(page, page.getByRole('combobox', { name: 'Outcome done leads to' }), added);
      await selectStep(page, added);
      await addOutcome(page, 'call-back');
      // “New task” is the editor's placeholder: staff would read it in their queue.
      await page.getByTestId('inspector-title').fill('Call the patient again');
      await page.getByTestId('inspector-title').press('Enter');
      await expect.poll(() => errorCount(page)).toBe(0);
      await expect.poll(() => page.getByTestId('publish-button').isEnabled()).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('a field required only for one outcome follows that outcome when it is renamed', async () => {
    await createWorkflow('required-for-check');
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(b.page, server.url, 'lead', PASSWORD);
      const page = b.page;
      await openEditor(page, 'required-for-check');
      await selectStep(page, 'call-back');
      // A second way to finish the call, and a reason asked for only then.
      await addOutcome(page, 'finished');
      const inspector = page.getByTestId('inspector');
      await inspector.getByRole('button', { name: 'Add field' }).click();
      await inspector.getByLabel('Label').last().fill('Why the patient was not reached');
      const only = page.getByTestId('field-required-for-0');
      await only.click();
      await page.getByRole('option', { name: 'Outcome', exact: true }).click();
      await page.keyboard.press('Escape');
      // The only problem left: an outcome still named “Outcome”, the editor's placeholder.
      await expect.poll(() => errorCount(page)).toBe(1);
      // Renaming the outcome renames it in the field too: nothing points at the old name.
      const name = page.getByRole('textbox', { name: 'Outcome outcome name' });
      await name.fill('not-reached');
      await name.press('Enter');
      await page.getByRole('textbox', { name: 'Outcome Not reached name' }).waitFor();
      await expect
        .poll(() =>
          only.locator('xpath=ancestor::div[contains(@class,"mantine-MultiSelect-root")]').textContent(),
        )
        .toContain('Not reached');
      await expect.poll(() => errorCount(page)).toBe(0);
      await page.getByTestId('save-button').click();
      await page.getByTestId('unsaved-indicator').waitFor({ state: 'detached' });
      const saved = await lead<{ draft: { definition: Definition } | null }>(
        'GET',
        '/definitions/required-for-check',
      );
      const step = saved.body.draft?.definition.steps['call-back'];
      expect(step?.type === 'task' && step.form).toEqual([
        expect.objectContaining({ label: 'Why the patient was not reached', requiredFor: ['not-reached'] }),
      ]);
    } finally {
      await b.close();
    }
  });

  it('a field checks its answers: a named format with a hint, tried before saving; a range for a number', async () => {
    await createWorkflow('field-checks');
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(b.page, server.url, 'lead', PASSWORD);
      const page = b.page;
      await openEditor(page, 'field-checks');
      await selectStep(page, 'call-back');
      const inspector = page.getByTestId('inspector');
      await inspector.getByRole('button', { name: 'Add field' }).click();
      await inspector.getByLabel('Label').last().fill('Patient reference');
      await inspector.getByTestId('field-help-0').fill('The chart number. Never the name.');
      await choose(page, page.getByTestId('field-format-0'), /^Chart number/);
      // The lead tries the answers the front desk will type, and reads what staff will read.
      const trial = page.getByTestId('field-try-0');
      await trial.fill('Maria Lopez');
      await expect
        .poll(() => page.getByTestId('field-try-result-0').textContent())
        .toBe('Patient reference must be a chart number such as DEMO-5001');
      await trial.fill('DEMO-5001');
      await expect.poll(() => page.getByTestId('field-try-result-0').textContent()).toBe('Accepted');
      // A custom pattern RE2 cannot read is marked at once, and blocks publishing until fixed.
      await choose(page, page.getByTestId('field-format-0'), 'Custom pattern…');
      const pattern = page.getByTestId('field-pattern-0');
      await pattern.fill('([A-Z]+-[0-9]+');
      await page.getByText('Not a pattern: missing closing ): `([A-Z]+-[0-9]+`').waitFor();
      await expect.poll(() => errorCount(page)).toBeGreaterThan(0);
      await pattern.fill('(?i)[A-Z]{2,10}-[0-9]{1,10}');
      await expect.poll(() => errorCount(page)).toBe(0);
      await trial.fill('demo-5001');
      await expect.poll(() => page.getByTestId('field-try-result-0').textContent()).toBe('Accepted');
      await screenshot(page, 'editor-field-format');

      // A number field: its range.
      await inspector.getByRole('button', { name: 'Add field' }).click();
      await inspector.getByLabel('Label').last().fill('Days supply');
      await choose(page, inspector.getByLabel('Type', { exact: true }).last(), 'Number');
      await page.getByTestId('field-min-1').fill('1');
      await page.getByTestId('field-max-1').fill('90');
      // A date field: a follow-up cannot be booked in the past.
      await inspector.getByRole('button', { name: 'Add field' }).click();
      await inspector.getByLabel('Label').last().fill('Follow-up date');
      await choose(page, inspector.getByLabel('Type', { exact: true }).last(), 'Date');
      await choose(page, page.getByTestId('field-date-range-2'), /^Today or later/);
      await expect.poll(() => errorCount(page)).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByTestId('save-button').click();
      await page.getByTestId('unsaved-indicator').waitFor({ state: 'detached' });
      const saved = await lead<{ draft: { definition: Definition } | null }>(
        'GET',
        '/definitions/field-checks',
      );
      const step = saved.body.draft?.definition.steps['call-back'];
      expect(step?.type === 'task' && step.form).toEqual([
        expect.objectContaining({
          label: 'Patient reference',
          help: 'The chart number. Never the name.',
          pattern: '(?i)[A-Z]{2,10}-[0-9]{1,10}',
          patternHint: 'a chart number such as DEMO-5001',
        }),
        expect.objectContaining({ label: 'Days supply', type: 'number', min: 1, max: 90 }),
        expect.objectContaining({ label: 'Follow-up date', type: 'date', dateRange: 'future' }),
      ]);
    } finally {
      await b.close();
    }
  });

  it('undo and redo: Ctrl+Z reverts an edit, Ctrl+Shift+Z redoes it, and so do the buttons', async () => {
    await createWorkflow('undo-check');
    // Published, so the step ids stay put while titles change (a draft's ids follow its titles).
    expect((await lead('POST', '/definitions/undo-check/publish', {})).status).toBe(200);
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(b.page, server.url, 'lead', PASSWORD);
      const page = b.page;
      await openEditor(page, 'undo-check');
      const title = page.getByTestId('inspector-title');
      const node = page.getByTestId('node-take-call');
      await expect.poll(() => page.getByTestId('undo-button').isDisabled()).toBe(true);

      await selectStep(page, 'take-call');
      await title.fill('Answer the phone');
      await expect.poll(() => node.textContent()).toContain('Answer the phone');
      // Keys typed into a field are the field's own: focus the box before undoing.
      await node.click();
      await page.keyboard.press('Control+z');
      await expect.poll(() => title.inputValue()).toBe('Take the call');
      await expect.poll(() => node.textContent()).toContain('Take the call');
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => title.inputValue()).toBe('Answer the phone');
      await expect.poll(() => node.textContent()).toContain('Answer the phone');

      // A new step: undo removes the box, redo brings it back.
      await page.getByTestId('palette-task').click();
      await expect.poll(() => selectedStepId(page)).toMatch(/^new-task/);
      const added = await selectedStepId(page);
      await page.getByTestId(`node-${added}`).waitFor();
      await page.getByTestId('undo-button').click();
      await page.getByTestId(`node-${added}`).waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('redo-button').isEnabled()).toBe(true);
      await page.getByTestId('redo-button').click();
      await page.getByTestId(`node-${added}`).waitFor();
      await page.getByTestId('undo-button').click();
      await page.getByTestId(`node-${added}`).waitFor({ state: 'detached' });
      await page.getByTestId('undo-button').click();
      await expect.poll(() => node.textContent()).toContain('Take the call');
      await page.getByTestId('unsaved-indicator').waitFor({ state: 'detached' });
    } finally {
      await b.close();
    }
  });

  it('a stale save is refused: the second window sees who saved, and the server keeps the first save', async () => {
    await createWorkflow('stale-check');
    expect((await lead('POST', '/definitions/stale-check/publish', {})).status).toBe(200);
    const first = await openBrowser({ width: 1440, height: 900 });
    const second = await openBrowser({ width: 1440, height: 900 });
    try {
      for (const b of [first, second]) {
        await signIn(b.page, server.url, 'lead', PASSWORD);
        await openEditor(b.page, 'stale-check');
      }
      await selectStep(first.page, 'take-call');
      await first.page.getByTestId('inspector-title').fill('Take the call (first window)');
      await first.page.getByTestId('save-button').click();
      await first.page.getByTestId('unsaved-indicator').waitFor({ state: 'detached' });

      await selectStep(second.page, 'call-back');
      await second.page.getByTestId('inspector-title').fill('Call back (second window)');
      await second.page.getByTestId('save-button').click();
      // The dialog's root is a zero-size wrapper around the fixed-position modal: wait on its message.
      await second.page.getByTestId('stale-save-message').waitFor();
      await second.page.getByTestId('stale-save-dialog').waitFor({ state: 'attached' });
      const message = (await second.page.getByTestId('stale-save-message').textContent()) ?? '';
      expect(message).toMatch(new RegExp(`You \\(in another window\\)|${DEMO_PEOPLE.lead}`));
      expect(await seriousViolations(second.page)).toEqual([]);
      // Still unsaved in the second window; nothing overwritten on the server.
      await second.page.getByTestId('unsaved-indicator').waitFor();
      const stored = await lead<{ draft: { definition: Definition; revision: number } }>(
        'GET',
        '/definitions/stale-check',
      );
      expect(stored.body.draft.definition.steps['take-call']?.title).toBe('Take the call (first window)');
      expect(stored.body.draft.definition.steps['call-back']?.title).toBe('Call the patient back');
    } finally {
      await first.close();
      await second.close();
    }
  });
});
