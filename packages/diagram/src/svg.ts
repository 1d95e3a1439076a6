import type { TextBlock } from './boxes.ts';
import type { Rect } from './geometry.ts';
import { LABEL_BACKGROUND } from './layers.ts';
import { DECISION_POINT, type Scene, type SceneBox, type SceneEdge } from './scene.ts';
import { FONT_FAMILY, INK, LABEL_BOX, LANE, TEXT, type TextStyle } from './theme.ts';

/**
 * The scene as a standalone SVG. Every element carries its geometry in `data-*` attributes (the
 * readability check reads them back), and each line of text says the width it must fit in.
 */
export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const rectAttr = (r: Rect) => `${r.x},${r.y},${r.width},${r.height}`;

/** Baseline of line `i` of a block whose first line's top is `top`. */
export const baseline = (top: number, i: number, style: TextStyle) =>
  Math.round((top + i * style.lineHeight + style.lineHeight / 2 + style.size * 0.35) * 10) / 10;

function textLines(block: TextBlock, fit: number, fill: string = INK.text): string {
  return block.lines
    .map(
      (line, i) =>
        `<text x="${block.x}" y="${baseline(block.y, i, block.style)}" font-size="${block.style.size}" font-weight="${block.style.weight}" text-anchor="${block.anchor}" fill="${fill}" data-fit="${fit}">${esc(line)}</text>`,
    )
    .join('');
}

/** The width a box's text must fit in. */
export function textRoom(box: SceneBox): number {
  switch (box.kind) {
    case 'task':
      return box.width - 24;
    case 'decision':
      return box.width - 48;
    case 'wait':
      return box.width - 40;
    default:
      return box.width;
  }
}

export function shapeSvg(b: SceneBox): string {
  const s = b.shape;
  const stroke = b.isStart ? 3 : 1.5;
  switch (b.kind) {
    case 'task':
      return `<rect x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}" rx="8" fill="${INK.boxFill}" stroke="${INK.stroke}" stroke-width="${stroke}"/>`;
    case 'decision': {
      const p = DECISION_POINT;
      const cy = s.y + s.height / 2;
      const pts = [
        [s.x + p, s.y],
        [s.x + s.width - p, s.y],
        [s.x + s.width, cy],
        [s.x + s.width - p, s.y + s.height],
        [s.x + p, s.y + s.height],
        [s.x, cy],
      ]
        .map(([x, y]) => `${x},${y}`)
        .join(' ');
      return `<polygon points="${pts}" fill="${INK.decisionFill}" stroke="${INK.stroke}" stroke-width="${stroke}"/>`;
    }
    case 'wait':
      return `<rect x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}" rx="${s.height / 2}" fill="${INK.waitFill}" stroke="${INK.stroke}" stroke-width="${stroke}" stroke-dasharray="5 3"/>`;
    case 'parallel':
      return `<rect x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}" rx="3" fill="#343a40"/>`;
    case 'end':
      return `<circle cx="${s.x + s.width / 2}" cy="${s.y + s.height / 2}" r="${s.width / 2 - 2}" fill="${INK.boxFill}" stroke="#343a40" stroke-width="4"/>`;
  }
}

function boxSvg(b: SceneBox): string {
  const room = textRoom(b);
  const sub = b.subtitle ? textLines(b.subtitle, room, INK.muted) : '';
  // The full title as a tooltip and for screen readers (the lines on screen hold the same words).
  const tip = `<title>${esc(b.label)}</title>`;
  return `<g data-step="${esc(b.id)}" data-lane="${esc(b.lane)}" data-rect="${rectAttr(b)}">${tip}${shapeSvg(b)}${textLines(b.title, room)}${sub}</g>`;
}

export const pathData = (e: SceneEdge) =>
  e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');

function edgeSvg(e: SceneEdge): string {
  const dash = e.dashed ? ' stroke-dasharray="6 4"' : '';
  return `<path data-edge="${esc(e.id)}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" data-loop="${e.loop ? 1 : 0}" d="${pathData(e)}" fill="none" stroke="${INK.edge}" stroke-width="1.5"${dash} marker-end="url(#arrow)"/>`;
}

function labelSvg(e: SceneEdge): string {
  const l = e.caption;
  if (!l) return '';
  const block: TextBlock = {
    lines: l.lines,
    style: TEXT.edgeLabel,
    x: l.x + l.width / 2,
    y: l.y + LABEL_BOX.paddingY + LABEL_BOX.border,
    anchor: 'middle',
  };
  return `<g data-label="${esc(e.id)}" data-rect="${rectAttr(l)}"><rect x="${l.x}" y="${l.y}" width="${l.width}" height="${l.height}" rx="3" fill="${LABEL_BACKGROUND.fill}"/>${textLines(block, l.width)}</g>`;
}

function laneSvg(scene: Scene, lane: Scene['lanes'][number]): string {
  const name: TextBlock = {
    lines: lane.nameLines,
    style: TEXT.laneName,
    x: 10,
    y: lane.y + LANE.padding / 2,
    anchor: 'start',
  };
  const dept: TextBlock = {
    lines: lane.departmentLines,
    style: TEXT.laneDepartment,
    x: 10,
    y: lane.y + LANE.padding / 2 + lane.nameLines.length * TEXT.laneName.lineHeight + 2,
    anchor: 'start',
  };
  return [
    `<g data-lane-band="${esc(lane.role)}" data-rect="0,${lane.y},${scene.width},${lane.height}"><title>${esc(lane.name)}</title>`,
    `<rect x="0" y="${lane.y}" width="${scene.width}" height="${lane.height}" fill="${esc(lane.color)}" stroke="${INK.laneStroke}"/>`,
    `<rect x="0" y="${lane.y}" width="${LANE.headerWidth}" height="${lane.height}" fill="${INK.header}" stroke="${INK.headerStroke}"/>`,
    textLines(name, LANE.headerWidth - 20),
    textLines(dept, LANE.headerWidth - 20, INK.muted),
    '</g>',
  ].join('');
}

export function sceneSvg(scene: Scene): string {
  const width = Math.ceil(scene.width);
  const height = Math.ceil(scene.height);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" fill="${INK.text}" role="img" aria-label="${esc(scene.title)}" data-header-width="${LANE.headerWidth}">`,
    `<title>${esc(scene.title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${INK.edge}"/></marker></defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...scene.lanes.map((l) => laneSvg(scene, l)),
    // Every label after every arrow (layers.ts): an arrow drawn later would strike a label through.
    ...scene.edges.map(edgeSvg),
    ...scene.edges.map(labelSvg),
    ...[...scene.boxes.values()].map(boxSvg),
    '</svg>',
    '',
  ].join('\n');
}
