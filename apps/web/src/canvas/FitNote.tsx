import { TEXT } from '@portalflow/diagram';
import { useStore } from '@xyflow/react';
import { memo } from 'react';
import { READABLE_TITLE_PX } from './readableView.ts';

const zoomOf = (s: { transform: [number, number, number] }) => s.transform[2];

/**
 * When someone has zoomed out so far that titles cannot be read, say so and offer the readable
 * view back (`onReadable`: the diagram's own, the one it opened at) instead of leaving people
 * squinting at 2 px titles.
 */
export const FitNote = memo(function FitNote({ onReadable }: { onReadable: () => void }) {
  const zoom = useStore(zoomOf);
  const px = TEXT.title.size * zoom;
  if (px >= READABLE_TITLE_PX - 0.05) return null;
  return (
    <div className="pf-fit-note" role="status" data-testid="fit-note">
      <span>Titles are {px.toFixed(1)} px at this size</span>
      <button type="button" onClick={onReadable}>
        Readable size ({READABLE_TITLE_PX} px)
      </button>
    </div>
  );
});
