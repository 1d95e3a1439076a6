import { TEXT } from '@portalflow/diagram';
import { useReactFlow, useStore } from '@xyflow/react';
import { memo } from 'react';

/** Step titles are drawn at this size on screen or larger to be read comfortably. */
export const READABLE_TITLE_PX = 11;
/** The zoom at which step titles reach that size. */
export const READABLE_ZOOM = READABLE_TITLE_PX / TEXT.title.size;

const zoomOf = (s: { transform: [number, number, number] }) => s.transform[2];

/**
 * When the whole workflow only fits at a size too small to read, say so and offer a readable zoom
 * (centred where the view is now) instead of leaving people squinting at 6 px titles.
 */
export const FitNote = memo(function FitNote() {
  const zoom = useStore(zoomOf);
  const flow = useReactFlow();
  const px = TEXT.title.size * zoom;
  if (px >= READABLE_TITLE_PX - 0.05) return null;
  return (
    <div className="pf-fit-note" role="status" data-testid="fit-note">
      <span>Titles are {px.toFixed(1)} px at this size</span>
      <button type="button" onClick={() => void flow.zoomTo(READABLE_ZOOM, { duration: 200 })}>
        Readable size ({READABLE_TITLE_PX} px)
      </button>
    </div>
  );
});
