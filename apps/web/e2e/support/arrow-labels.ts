import type { Page } from 'playwright-core';

/**
 * What is wrong with the labels drawn in the diagram `testId`, in diagram units; how many were bold,
 * and how many carried a mark (a problem's icon and word, a comparison's word).
 */
export function labelProblems(page: Page, testId: string) {
  return page.getByTestId(testId).evaluate((diagram) => {
    const problems: string[] = [];
    const viewport = diagram.querySelector<HTMLElement>('.react-flow__viewport')!;
    const origin = viewport.getBoundingClientRect();
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    // Paths are drawn in diagram units inside the viewport; each with the width its line is drawn at.
    const arrows = [...diagram.querySelectorAll<SVGPathElement>('.react-flow__edge-path')].map((path) => ({
      id: path.closest('.react-flow__edge')?.getAttribute('data-id') ?? '',
      reach: Number.parseFloat(getComputedStyle(path).strokeWidth) / 2,
      points: [...(path.getAttribute('d') ?? '').matchAll(/[ML]\s*(-?[\d.]+)[ ,]\s*(-?[\d.]+)/g)].map(
        (m) => ({
          x: Number(m[1]),
          y: Number(m[2]),
        }),
      ),
    }));
    const labels = [...diagram.querySelectorAll<HTMLElement>('.pf-edge-label')].map((el) => {
      const r = el.getBoundingClientRect();
      return {
        el,
        id: (el.dataset.testid ?? '').replace(/^edge-/, ''),
        words: el.textContent ?? '',
        box: {
          x: (r.left - origin.left) / zoom,
          y: (r.top - origin.top) / zoom,
          width: r.width / zoom,
          height: r.height / zoom,
        },
      };
    });
    let bold = 0;
    let marked = 0;
    for (const [i, label] of labels.entries()) {
      const { el, box, words } = label;
      if (Number.parseInt(getComputedStyle(el).fontWeight, 10) >= 600) bold++;
      if (el.querySelector('.pf-edge-mark-text')) marked++;
      // The box the diagram placed: the label may not grow past it (onto what the diagram kept it off).
      const placed = {
        width: Number.parseFloat(el.style.minWidth),
        height: Number.parseFloat(el.style.minHeight),
      };
      if (el.offsetWidth > placed.width + 0.5 || el.offsetHeight > placed.height + 0.5)
        problems.push(
          `"${words}" is drawn ${el.offsetWidth}×${el.offsetHeight}, its place is ${placed.width}×${placed.height}`,
        );
      for (const part of el.querySelectorAll('span'))
        if (part.scrollWidth > part.clientWidth + 0.5) problems.push(`"${words}" is cut`);
      for (const arrow of arrows) {
        if (arrow.id === label.id) continue;
        const on = arrow.points.some((b, k) => {
          if (k === 0) return false;
          const a = arrow.points[k - 1]!;
          const dx = Math.max(0, box.x - Math.max(a.x, b.x), Math.min(a.x, b.x) - (box.x + box.width));
          const dy = Math.max(0, box.y - Math.max(a.y, b.y), Math.min(a.y, b.y) - (box.y + box.height));
          return Math.hypot(dx, dy) < arrow.reach;
        });
        if (on) problems.push(`"${words}" lies on the arrow ${arrow.id}`);
      }
      for (const other of labels.slice(i + 1)) {
        const o = other.box;
        if (
          box.x < o.x + o.width &&
          o.x < box.x + box.width &&
          box.y < o.y + o.height &&
          o.y < box.y + box.height
        )
          problems.push(`"${words}" and "${other.words}" overlap`);
      }
    }
    return { problems, labels: labels.length, bold, marked };
  });
}
