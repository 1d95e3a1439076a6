import { TEXT } from '@portalflow/diagram';
import { useReactFlow, useStore } from '@xyflow/react';
import { memo } from 'react';
import { boundsOf, placeView } from './placeView.ts';

/** Step titles are drawn at this size on screen or larger to be read comfortably. */
export const READABLE_TITLE_PX = 11;
/** The zoom at which step titles reach that size. */
export const READABLE_ZOOM = READABLE_TITLE_PX / TEXT.title.size;

const zoomOf = (s: { transform: [number, number, number] }) => s.transform[2];
const paneOf = (s: { width: number; height: number }) => `${s.width}x${s.height}`;

/**
 * When the whole workflow only fits at a size too small to read, say so and offer a readable zoom
 * (on the workflow's start) instead of leaving people squinting at 6 px titles.
 */
export const FitNote = memo(function FitNote() {
  const zoom = useStore(zoomOf);
  const pane = useStore(paneOf);
  const flow = useReactFlow();
  /**
   * Readable titles where requests start: the start step at the pane's left (people read a workflow
   * from its start), the rest of the drawing reached by panning; the middle of a large drawing says
   * nothing on its own.
   */
  function readable() {
    const [width = 0, height = 0] = pane.split('x').map(Number);
    const nodes = flow.getNodes();
    const start = nodes.find((n) => (n.data as { isStart?: boolean }).isStart);
    const content = boundsOf(
      nodes.map((n) => ({ ...n.position, width: n.width ?? 0, height: n.height ?? 0 })),
    );
    if (!content) return void flow.zoomTo(READABLE_ZOOM, { duration: 200 });
    const anchor = start
      ? { ...start.position, width: start.width ?? 0, height: start.height ?? 0 }
      : content;
    // A target whose centre lies half a pane right of the anchor puts the anchor at the left edge.
    const target = {
      x: anchor.x + width / 2 / READABLE_ZOOM,
      y: anchor.y + anchor.height / 2,
      width: 0,
      height: 0,
    };
    void flow.setViewport(placeView({ width, height }, content, target, READABLE_ZOOM), { duration: 200 });
  }
  const px = TEXT.title.size * zoom;
  if (px >= READABLE_TITLE_PX - 0.05) return null;
  return (
    <div className="pf-fit-note" role="status" data-testid="fit-note">
      <span>Titles are {px.toFixed(1)} px at this size</span>
      <button type="button" onClick={readable}>
        Readable size ({READABLE_TITLE_PX} px)
      </button>
    </div>
  );
});
