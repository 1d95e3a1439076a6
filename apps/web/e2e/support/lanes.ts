import type { Page } from 'playwright-core';

/**
 * Lanes with part of their band on screen whose role name is not on screen: a tall lane's name, drawn
 * at the middle of the lane, can sit below the canvas while the lane's top is in view.
 */
export function laneNamesOffScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.pf-lane-labels')!.getBoundingClientRect();
    const out: string[] = [];
    for (const label of document.querySelectorAll<HTMLElement>('.pf-lane-label')) {
      const band = label.getBoundingClientRect();
      const shown = Math.min(band.bottom, canvas.bottom) - Math.max(band.top, canvas.top);
      // Lanes with less than a line of band on screen have no room for a name.
      if (shown < 24) continue;
      const name = label.querySelector<HTMLElement>('.pf-lane-name')!;
      const box = name.getBoundingClientRect();
      if (box.top < canvas.top || box.bottom > canvas.bottom) out.push(name.textContent ?? '');
    }
    return out;
  });
}
