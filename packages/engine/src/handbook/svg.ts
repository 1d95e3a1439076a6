import type { Definition } from '../definition.ts';
import { edgeText, stepDeadlineText, stepTitle } from './describe.ts';
import { LANE, type SceneBox, sceneOf } from './scene.ts';

/**
 * The swimlane diagram as a standalone SVG, drawn from the definition and its stored layout (or the
 * automatic placement when there is none). Pure, so the server and the CLI draw the same picture.
 * Every step title and lane name appears in full in a `<title>` tooltip even where the box clips it.
 */
const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function wrap(text: string, perLine: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if ((line ? `${line} ${w}` : w).length > perLine && line) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  if (out.length > lines) {
    out.length = lines;
    out[lines - 1] = clip(`${out[lines - 1]}…`, perLine);
  }
  return out;
}

function shape(definition: Definition, b: SceneBox): string {
  const title = stepTitle(definition, b.id);
  const step = definition.steps[b.id]!;
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const stroke = definition.start === b.id ? 3 : 1.5;
  const tip = `<title>${esc(title)}</title>`;
  switch (b.kind) {
    case 'task': {
      const lines = wrap(title, 30, 2)
        .map(
          (l, i) =>
            `<text x="${b.x + 10}" y="${b.y + 20 + i * 15}" font-size="12" font-weight="600">${esc(l)}</text>`,
        )
        .join('');
      const sub = stepDeadlineText(definition, step);
      const deadline = sub
        ? `<text x="${b.x + 10}" y="${b.y + b.height - 10}" font-size="10.5" fill="#495057">${esc(clip(sub, 36))}</text>`
        : '';
      return `<g data-step="${esc(b.id)}">${tip}<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="8" fill="#fff" stroke="#495057" stroke-width="${stroke}"/>${lines}${deadline}</g>`;
    }
    case 'decision':
      return `<g data-step="${esc(b.id)}">${tip}<polygon points="${cx},${b.y} ${b.x + b.width},${cy} ${cx},${b.y + b.height} ${b.x},${cy}" fill="#fff8e1" stroke="#495057" stroke-width="${stroke}"/><text x="${cx}" y="${cy + 4}" font-size="11" font-weight="600" text-anchor="middle">${esc(clip(title, 18))}</text></g>`;
    case 'parallel':
      return `<g data-step="${esc(b.id)}">${tip}<rect x="${cx - 5}" y="${b.y}" width="10" height="${b.height}" rx="3" fill="#343a40"/><text x="${cx}" y="${b.y + b.height + 13}" font-size="11" text-anchor="middle" fill="#495057">${esc(clip(title, 24))}</text></g>`;
    case 'wait':
      return `<g data-step="${esc(b.id)}">${tip}<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="${b.height / 2}" fill="#f8f9fa" stroke="#495057" stroke-width="${stroke}" stroke-dasharray="5 3"/><text x="${cx}" y="${cy + 4}" font-size="11.5" font-weight="600" text-anchor="middle">${esc(clip(title, 22))}</text></g>`;
    case 'end':
      return `<g data-step="${esc(b.id)}">${tip}<circle cx="${cx}" cy="${cy}" r="${b.width / 2 - 2}" fill="#fff" stroke="#343a40" stroke-width="4"/><text x="${cx}" y="${b.y + b.height + 13}" font-size="11" font-weight="600" text-anchor="middle">${esc(clip(title, 28))}</text></g>`;
  }
}

export function workflowSvg(definition: Definition, layout?: unknown): string {
  const scene = sceneOf(definition, layout);
  const width = Math.ceil(scene.width);
  const height = Math.ceil(Math.max(scene.height, 40));
  const parts: string[] = [];
  for (const lane of scene.lanes) {
    parts.push(
      `<g data-lane="${esc(lane.role)}"><title>${esc(lane.name)}</title>`,
      `<rect x="0" y="${lane.y}" width="${width}" height="${lane.height}" fill="${esc(lane.color)}" stroke="#ced4da"/>`,
      `<rect x="0" y="${lane.y}" width="${LANE.labelWidth - 36}" height="${lane.height}" fill="#f8f9fa" stroke="#adb5bd"/>`,
      ...wrap(lane.name, 16, 3).map(
        (l, i) =>
          `<text x="10" y="${lane.y + 24 + i * 15}" font-size="13" font-weight="600">${esc(l)}</text>`,
      ),
      lane.department
        ? `<text x="10" y="${lane.y + lane.height - 12}" font-size="11" fill="#495057">${esc(clip(lane.department, 20))}</text>`
        : '',
      '</g>',
    );
  }
  for (const edge of scene.edges) {
    const from = scene.boxes.get(edge.from);
    const to = scene.boxes.get(edge.to);
    if (!from || !to) continue;
    const x1 = from.x + from.width;
    const y1 = from.y + from.height / 2;
    const x2 = to.x;
    const y2 = to.y + to.height / 2;
    const forward = x2 > x1 + 20;
    const mid = forward ? (x1 + x2) / 2 : x1 + 20;
    const d = forward
      ? `M${x1},${y1} H${mid} V${y2} H${x2}`
      : `M${x1},${y1} H${mid} V${Math.max(from.y + from.height, to.y + to.height) + 18} H${x2 - 20} V${y2} H${x2}`;
    const dash = edge.kind === 'join' || edge.kind === 'deadline' ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<path d="${d}" fill="none" stroke="#5c6b73" stroke-width="1.5"${dash} marker-end="url(#arrow)"/>`,
      `<text x="${mid + 4}" y="${(y1 + y2) / 2 - 3}" font-size="10" fill="#343a40" paint-order="stroke" stroke="#fff" stroke-width="3">${esc(clip(edgeText(edge), 28))}</text>`,
    );
  }
  for (const b of scene.boxes.values()) parts.push(shape(definition, b));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" fill="#212529" role="img" aria-label="${esc(definition.title)}">`,
    `<title>${esc(definition.title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5c6b73"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
