import { useReactFlow, useStore } from '@xyflow/react';
import { ChevronDown, ChevronLeft, ChevronRight, ChevronUp } from 'lucide-react';
import { memo } from 'react';
import { countOf } from '../shell/plural.ts';
import type { Rect } from './placeView.ts';
import { type Side, stepsBeyond, viewTowards } from './stepsBeyond.ts';
import './moreSteps.css';

const transformOf = (s: { transform: [number, number, number] }) => s.transform;
const widthOf = (s: { width: number }) => s.width;
const heightOf = (s: { height: number }) => s.height;

type Pane = { width: number; height: number };
type View = { x: number; y: number; zoom: number };

const WHERE: Record<Side, string> = {
  right: 'to the right',
  left: 'to the left',
  below: 'below',
  above: 'above',
};
const ICON = { right: ChevronRight, left: ChevronLeft, below: ChevronDown, above: ChevronUp } as const;

/**
 * When the workflow does not fit the pane at a readable size, says at each edge how many steps
 * lie beyond it ("5 more steps to the right"), and shows them when pressed: a lead must not take
 * the steps on screen for the whole workflow.
 */
export const MoreStepsNote = memo(function MoreStepsNote({
  boxes,
  content,
  at = 'edges',
  settle,
}: {
  boxes: readonly Rect[];
  content: Rect | null;
  /**
   * At the edges they count (the editor), or in one row along the pane's foot (a replay: its top-left
   * holds the open-steps note).
   */
  at?: 'edges' | 'foot';
  /** Adjusts the view a note moves to (a replay keeps steps and labels whole at the side edges). */
  settle?: (pane: Pane, view: View) => View;
}) {
  const [x, y, zoom] = useStore(transformOf);
  const width = useStore(widthOf);
  const height = useStore(heightOf);
  const flow = useReactFlow();
  if (!content || width === 0) return null;
  const pane = { width, height };
  const view = { x, y, zoom };
  const beyond = stepsBeyond(pane, view, boxes);
  const sides = (Object.keys(beyond) as Side[]).filter((side) => beyond[side] > 0);
  if (sides.length === 0) return null;
  const notes = (
    <>
      {sides.map((side) => {
        const Icon = ICON[side];
        const words = `${countOf(beyond[side], 'more step')} ${WHERE[side]}`;
        return (
          <button
            key={side}
            type="button"
            className={`pf-more-steps pf-more-steps-${side}`}
            data-testid={`more-steps-${side}`}
            title={`Show the ${countOf(beyond[side], 'step')} ${WHERE[side]}`}
            onClick={() => {
              const next = viewTowards(pane, view, content, side);
              void flow.setViewport(settle ? settle(pane, next) : next, { duration: 250 });
            }}
          >
            {side === 'left' || side === 'above' ? <Icon size={14} aria-hidden /> : null}
            <span>{words}</span>
            {side === 'right' || side === 'below' ? <Icon size={14} aria-hidden /> : null}
          </button>
        );
      })}
    </>
  );
  return at === 'foot' ? <div className="pf-more-steps-foot">{notes}</div> : notes;
});
