import {
  allEdges,
  type Definition,
  type Edge,
  idToWords,
  type StepKind,
  stepDeadlineText,
  stepTitle,
} from '@portalflow/engine';
import { textWidth, wrapText } from './text.ts';
import { KIND, TEXT, type TextStyle } from './theme.ts';

/** A block of wrapped text, placed relative to its box's top-left corner. */
export interface TextBlock {
  lines: string[];
  style: TextStyle;
  /** x of the anchor: the left edge (`start`) or the centre (`middle`) of the lines. */
  x: number;
  /** Top of the first line. */
  y: number;
  anchor: 'start' | 'middle';
}

/** The size of a step's box and what is drawn in it, before it is placed. */
export interface BoxShape {
  kind: StepKind;
  width: number;
  height: number;
  /** The drawn shape inside the box (for `below` kinds the title is under it). */
  shape: { x: number; y: number; width: number; height: number };
  /** Where arrows attach: the shape's vertical middle, measured from the box top. */
  anchorY: number;
  title: TextBlock;
  subtitle?: TextBlock;
}

/** The second line of a box: a task's deadline, a wait's trigger, an end's outcome. */
export function stepSubtitle(definition: Definition, id: string): string | undefined {
  const step = definition.steps[id];
  if (!step) return undefined;
  if (step.type === 'task') return stepDeadlineText(definition, step);
  if (step.type === 'wait') {
    // "until payer decision": what the wait is for, in words (the signal's id is for systems).
    const trigger = step.signal ? `until ${idToWords(step.signal).toLowerCase()}` : undefined;
    const deadline = stepDeadlineText(definition, step);
    return [trigger, deadline && `deadline ${deadline}`].filter(Boolean).join(' · ') || undefined;
  }
  return undefined;
}

/** Room each arrow gets where it leaves or enters a box, so labels on neighbouring arrows never touch. */
export const PORT_SPACING = 18;

/** How many arrows leave and enter each step (a box is tall enough to give each its own port). */
export function portCounts(
  definition: Definition,
  edges: readonly Edge[] = allEdges(definition),
): Map<string, number> {
  const outs = new Map<string, number>();
  const ins = new Map<string, number>();
  for (const e of edges) {
    outs.set(e.from, (outs.get(e.from) ?? 0) + 1);
    ins.set(e.to, (ins.get(e.to) ?? 0) + 1);
  }
  const most = new Map<string, number>();
  for (const id of Object.keys(definition.steps)) most.set(id, Math.max(outs.get(id) ?? 0, ins.get(id) ?? 0));
  return most;
}

/** Measures a step: the title wraps to the box's width and the box grows to hold it and its ports. */
export function measureStep(definition: Definition, id: string, ports = 1): BoxShape {
  const step = definition.steps[id]!;
  const base = KIND[step.type];
  const portRoom = ports * PORT_SPACING + 8;
  const style =
    base.text === 'inside'
      ? { ...base, minHeight: Math.max(base.minHeight, portRoom) }
      : {
          ...base,
          shape: {
            ...base.shape,
            height: step.type === 'parallel' ? Math.max(base.shape.height, portRoom) : base.shape.height,
          },
        };
  const title = stepTitle(definition, id);
  const sub = stepSubtitle(definition, id);
  if (style.text === 'inside') {
    const inner = style.width - 2 * style.paddingX;
    const titleLines = wrapText(title, TEXT.title, inner);
    const subLines = sub ? wrapText(sub, TEXT.subtitle, inner) : [];
    const textHeight =
      titleLines.length * TEXT.title.lineHeight +
      (subLines.length > 0 ? 4 + subLines.length * TEXT.subtitle.lineHeight : 0);
    const height = Math.max(style.minHeight, Math.ceil(textHeight + 2 * style.paddingY));
    const top = Math.round((height - textHeight) / 2);
    const centred = step.type !== 'task';
    const x = centred ? style.width / 2 : style.paddingX;
    const anchor = centred ? 'middle' : 'start';
    const shape: BoxShape = {
      kind: step.type,
      width: style.width,
      height,
      shape: { x: 0, y: 0, width: style.width, height },
      anchorY: height / 2,
      title: { lines: titleLines, style: TEXT.title, x, y: top, anchor },
    };
    if (subLines.length > 0)
      shape.subtitle = {
        lines: subLines,
        style: TEXT.subtitle,
        x,
        y: top + titleLines.length * TEXT.title.lineHeight + 4,
        anchor,
      };
    return shape;
  }
  // Small shape with its title underneath (parallel bar, end circle), at the size of every other
  // title: a view zoomed to where titles read leaves none of them smaller.
  const lineStyle: TextStyle = TEXT.title;
  const titleLines = wrapText(title, lineStyle, style.width);
  const width = Math.max(
    style.shape.width,
    Math.ceil(Math.max(...titleLines.map((l) => textWidth(l, lineStyle)))),
  );
  const boxWidth = Math.max(width, style.width);
  const shapeTop = 0;
  const textTop = style.shape.height + style.paddingY;
  return {
    kind: step.type,
    width: boxWidth,
    height: textTop + titleLines.length * lineStyle.lineHeight,
    shape: {
      x: (boxWidth - style.shape.width) / 2,
      y: shapeTop,
      width: style.shape.width,
      height: style.shape.height,
    },
    anchorY: style.shape.height / 2,
    title: { lines: titleLines, style: lineStyle, x: boxWidth / 2, y: textTop, anchor: 'middle' },
  };
}

/**
 * Shapes measured before, by what decides them (kind, arrow count, title, subtitle): an edit
 * measures again only the steps whose text or arrows changed. `next` collects the ones in use.
 */
export interface ShapeCache {
  previous: ReadonlyMap<string, BoxShape>;
  next: Map<string, BoxShape>;
}

/** Every step measured, each with room for its arrows (`edges`: all of them, when known). */
export function measureSteps(
  definition: Definition,
  cache?: ShapeCache,
  edges?: readonly Edge[],
): Map<string, BoxShape> {
  const ports = portCounts(definition, edges);
  return new Map(
    Object.keys(definition.steps).map((id) => {
      const count = ports.get(id) ?? 1;
      if (!cache) return [id, measureStep(definition, id, count)];
      const key = [
        definition.steps[id]!.type,
        count,
        stepTitle(definition, id),
        stepSubtitle(definition, id) ?? '',
      ].join('\u0000');
      const shape = cache.next.get(key) ?? cache.previous.get(key) ?? measureStep(definition, id, count);
      cache.next.set(key, shape);
      return [id, shape];
    }),
  );
}
