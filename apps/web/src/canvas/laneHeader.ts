import { wrapText } from '@portalflow/diagram';

/**
 * What a lane's header (role name and department, at the left of its band) needs on screen. The
 * header keeps its own size whatever the zoom; only the band's height follows the diagram. Sizes
 * match `.pf-lane-label` in canvas.css.
 */
interface Style {
  size: number;
  weight: 400 | 600;
  lineHeight: number;
}
const NAME: Style = { size: 13, weight: 600, lineHeight: 13 * 1.2 };
const SMALL_NAME: Style = { size: 11, weight: 600, lineHeight: 11 * 1.2 };
const DEPARTMENT: Style = { size: 11, weight: 400, lineHeight: 11 * 1.2 };
/** Left border (6), padding (10 each side) and right border (1), px. */
const INSET_X = 27;
/** The full header: padding 4 above and below, a 2-px gap, the bottom border. */
const FULL_Y = 4 + 4 + 2 + 1;
/** The compact header: padding 2 above, the bottom border. */
const COMPACT_Y = 2 + 1;

export interface HeaderNeeds {
  /** Name and department, whole, in px of band. */
  full: number;
  /** The name alone, a size smaller, whole. */
  compact: number;
}

/** The band heights a header needs in a header column `width` px wide. */
export function headerNeeds(name: string, department: string, width: number): HeaderNeeds {
  const room = Math.max(1, width - INSET_X);
  const lines = (text: string, style: Style) => wrapText(text, style, room).length * style.lineHeight;
  return {
    full: Math.ceil(lines(name, NAME) + (department ? lines(department, DEPARTMENT) : 0) + FULL_Y),
    compact: Math.ceil(lines(name, SMALL_NAME) + COMPACT_Y),
  };
}

/**
 * How a header is drawn on a band `height` px high: whole, or the name alone, whole. Only a band
 * thinner than that (the editor never zooms out so far, see `leastZoomForNames`) gets one line
 * ending in "…" (the whole name on hover), or none below a line's height.
 */
export function headerForm(height: number, needs: HeaderNeeds): 'full' | 'compact' | 'one-line' | 'none' {
  if (height >= needs.full) return 'full';
  if (height >= needs.compact) return 'compact';
  return height >= 16 ? 'one-line' : 'none';
}

/**
 * The least zoom at which every lane's name still shows whole beside its band: zooming out stops
 * there rather than cutting "Medical assistant (care-team pool)" to "Medical assistant (care-team".
 */
export function leastZoomForNames(
  lanes: ReadonlyArray<{ name: string; department: string; height: number }>,
  width: number,
): number {
  let least = 0;
  for (const lane of lanes)
    if (lane.height > 0)
      least = Math.max(least, headerNeeds(lane.name, lane.department, width).compact / lane.height);
  return least;
}
