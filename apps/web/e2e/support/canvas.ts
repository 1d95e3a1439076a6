import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A point on the empty canvas (no box, arrow, label, minimap or controls under it). */
export async function emptyCanvasPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.getByTestId('editor-canvas').evaluate((canvas) => {
    const r = canvas.getBoundingClientRect();
    for (let fy = 0.9; fy > 0.1; fy -= 0.08)
      for (let fx = 0.5; fx < 0.95; fx += 0.05) {
        const x = r.left + r.width * fx;
        const y = r.top + r.height * fy;
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    return null;
  });
  expect(point, 'an empty spot on the canvas').not.toBeNull();
  return point!;
}

/** Clears the selection (a click on the empty canvas) so the inspector shows the workflow and its roles. */
export async function clearSelection(page: Page): Promise<void> {
  const heading = page.getByTestId('inspector').getByRole('heading');
  if ((await heading.textContent()) !== 'Workflow') {
    const { x, y } = await emptyCanvasPoint(page);
    await page.mouse.click(x, y);
  }
  await expect.poll(() => heading.textContent()).toBe('Workflow');
}
