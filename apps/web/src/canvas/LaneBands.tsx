import { LANE } from '@portalflow/diagram';
import { useStore } from '@xyflow/react';
import { memo, useCallback, useState } from 'react';
import type { Lane } from '../model/lanes.ts';
import { headerForm, headerNeeds } from './laneHeader.ts';

const transformOf = (s: { transform: [number, number, number] }) => s.transform;
const viewHeightOf = (s: { height: number }) => s.height;

/**
 * The part of a lane's band on screen, where its label goes: a tall lane's name stays in view while
 * any of the lane is, instead of sitting at the lane's middle below the canvas. A lane wholly off
 * screen keeps its own place.
 */
export function shownPart(top: number, height: number, viewHeight: number): { top: number; height: number } {
  if (viewHeight <= 0) return { top, height };
  const from = Math.max(top, 0);
  const to = Math.min(top + height, viewHeight);
  return to > from ? { top: from, height: to - from } : { top, height };
}

const FORM_CLASS = {
  full: 'pf-lane-label',
  compact: 'pf-lane-label pf-lane-compact',
  'one-line': 'pf-lane-label pf-lane-compact pf-lane-one-line',
  none: 'pf-lane-label pf-lane-compact pf-lane-no-text',
} as const;

/**
 * Lane backgrounds behind the canvas, stretched across the whole view, following the viewport's
 * vertical pan and zoom. Drawn outside React Flow so they never cover an arrow.
 */
export const LaneBands = memo(function LaneBands({ lanes }: { lanes: readonly Lane[] }) {
  const [, ty, zoom] = useStore(transformOf);
  return (
    <div className="pf-lane-bands" aria-hidden>
      {lanes.map((lane) => (
        <div
          key={lane.role}
          className="pf-lane-band"
          style={{ top: ty + lane.y * zoom, height: lane.height * zoom, background: lane.color }}
        />
      ))}
    </div>
  );
});

/**
 * Role name and department on a band at the left of each lane (BPMN convention). It stays put
 * while the diagram pans sideways and follows it up and down, kept within the part of the lane on
 * screen (`shownPart`).
 */
export const LaneLabels = memo(function LaneLabels({
  lanes,
  onSelectLane,
}: {
  lanes: readonly Lane[];
  onSelectLane?: (role: string) => void;
}) {
  const [, ty, zoom] = useStore(transformOf);
  const viewHeight = useStore(viewHeightOf);
  // The header column's width (set by the page's CSS): how many lines each name wraps onto.
  const [width, setWidth] = useState<number>(LANE.headerWidth);
  const measure = useCallback((el: HTMLDivElement | null) => {
    if (el && el.clientWidth > 0) setWidth(el.clientWidth);
  }, []);
  return (
    <div className="pf-lane-labels" data-testid="lane-labels" ref={measure}>
      {lanes.map((lane) => {
        const { top, height } = shownPart(ty + lane.y * zoom, lane.height * zoom, viewHeight);
        // Zoomed out, a lane keeps only its role name, whole (see `headerForm`), never a name cut
        // after a few of its words.
        const className = FORM_CLASS[headerForm(height, headerNeeds(lane.name, lane.department, width))];
        const body = (
          <>
            <span className="pf-lane-name">{lane.name}</span>
            {lane.department && <span className="pf-lane-dept">{lane.department}</span>}
          </>
        );
        return onSelectLane ? (
          <button
            type="button"
            key={lane.role}
            className={className}
            style={{ top, height, borderLeftColor: lane.color }}
            onClick={() => onSelectLane(lane.role)}
            title={`Edit the role ${lane.name}`}
            data-testid={`lane-${lane.role || 'unassigned'}`}
          >
            {body}
            <span className="visually-hidden">: edit role</span>
          </button>
        ) : (
          <div
            key={lane.role}
            className={className}
            style={{ top, height }}
            title={lane.name}
            data-testid={`lane-${lane.role || 'unassigned'}`}
          >
            {body}
          </div>
        );
      })}
    </div>
  );
});
