import { ControlButton, Controls, type PanelPosition } from '@xyflow/react';
import { MapIcon, Maximize } from 'lucide-react';

/**
 * Zoom in and out, fit view, and (in the editor) the minimap's switch. Fit view is the diagram's own
 * readable view (`onFit`), not React Flow's fit: that one shrinks a long workflow until its titles
 * are 2 px tall.
 */
export function ViewControls({
  position,
  onFit,
  minimap,
  fitTitle = 'Fit view: all of the workflow, or as much as fits with titles you can read',
}: {
  position: PanelPosition;
  onFit: () => void;
  /** What the fit button does, said on hover (a read-only diagram fits all of it). */
  fitTitle?: string;
  minimap?: { shown: boolean; toggle: () => void };
}) {
  return (
    <Controls showInteractive={false} showFitView={false} position={position} aria-label="Zoom controls">
      <ControlButton className="pf-fit-view" onClick={onFit} title={fitTitle} aria-label="Fit view">
        <Maximize aria-hidden />
      </ControlButton>
      {minimap && (
        <ControlButton
          className="pf-minimap-switch"
          onClick={minimap.toggle}
          title={minimap.shown ? 'Hide the minimap' : 'Show a minimap of the whole workflow'}
          aria-label="Minimap"
          aria-pressed={minimap.shown}
        >
          <MapIcon aria-hidden />
        </ControlButton>
      )}
    </Controls>
  );
}
