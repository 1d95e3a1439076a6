import { useStore } from '@xyflow/react';
import { memo } from 'react';
import { openStepsLead } from './openStepsWords.ts';
import { isOnScreen, type Rect } from './placeView.ts';

/** An open step of the run shown, where it is drawn. */
export interface OpenStep {
  id: string;
  /** Its name on its button (`openStepLabels`). */
  title: string;
  box: Rect;
}

const viewOf = (s: { transform: [number, number, number]; width: number; height: number }) =>
  `${s.transform[0]} ${s.transform[1]} ${s.transform[2]} ${s.width} ${s.height}`;

/**
 * When several steps are open at once (a parallel split) and they do not all fit on screen at a
 * readable size, the view shows the one reached last; this says which others are open off screen,
 * each a button that brings it into view, so nobody takes the one in view for all the open work.
 */
export const OpenStepsNote = memo(function OpenStepsNote({
  steps,
  onShow,
}: {
  steps: readonly OpenStep[];
  onShow: (stepId: string) => void;
}) {
  const [x, y, zoom, width, height] = useStore(viewOf).split(' ').map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (steps.length < 2 || !(width > 0)) return null;
  const off = steps.filter((s) => !isOnScreen({ width, height }, { x, y, zoom }, s.box));
  const lead = openStepsLead(off.length, steps.length - off.length);
  if (lead === null) return null;
  return (
    <div className="pf-open-steps-note" role="status" data-testid="open-steps-note">
      <span>{lead}</span>
      {off.map((s) => (
        <button type="button" key={s.id} onClick={() => onShow(s.id)}>
          {/* The arrow is for the eye; a screen reader reads the step's name alone. */}
          {s.title} <span aria-hidden>→</span>
        </button>
      ))}
    </div>
  );
});
