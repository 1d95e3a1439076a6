import { FONT_FAMILY, LABEL_BOX, LABEL_MARK, LAYER, TEXT } from '@portalflow/diagram';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getSmoothStepPath } from '@xyflow/react';
import { CircleAlert, TriangleAlert } from 'lucide-react';
import { memo } from 'react';
import { labelMark } from './labelMarks.ts';
import type { StepEdge } from './types.ts';

/**
 * A label's box as the diagram sized it: its font, padding and border, and its marks a gap apart.
 * A label being dragged (no placed box yet) is drawn in the same style, only not held to a size.
 */
const LABEL_STYLE = {
  boxSizing: 'border-box' as const,
  justifyContent: 'center',
  gap: LABEL_MARK.gap,
  maxWidth: 'none',
  padding: `${LABEL_BOX.paddingY}px ${LABEL_BOX.paddingX}px`,
  borderWidth: LABEL_BOX.border,
  fontFamily: FONT_FAMILY,
  fontSize: TEXT.edgeLabel.size,
  lineHeight: `${TEXT.edgeLabel.lineHeight}px`,
  zIndex: LAYER.label,
};
const MARK_WORDS_STYLE = { fontSize: LABEL_MARK.size, fontWeight: LABEL_MARK.weight };
const ICON_STYLE = { flexShrink: 0 };

/** An arrow labelled with its outcome or condition, carrying lint marks and comparison state. */
export const StepEdgeView = memo(function StepEdgeView(props: EdgeProps<StepEdge>) {
  const {
    id,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    data,
    selected,
    markerEnd,
  } = props;
  // The routed arrow from the diagram package; while an end is being dragged, a provisional one.
  const routed = data?.points && data.points.length > 1 ? data.points : undefined;
  const [smooth, smoothX, smoothY] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    borderRadius: 10,
    offset: 18,
  });
  const path = routed ? routed.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ') : smooth;
  const caption = data?.caption;
  // A label sits on its arrow: it is painted above every arrow, a raised (highlighted) one too, or the
  // arrow strikes its words through (LAYER, the same order as an exported picture). It fills the box
  // the diagram placed off the other arrows, sized for its text and its marks.
  // While an end is dragged, the same box (size, lines, marks) rides the middle of the provisional arrow.
  const size = caption ? { minWidth: caption.width, minHeight: caption.height } : {};
  const labelStyle =
    routed && caption
      ? { ...LABEL_STYLE, ...size, transform: `translate(${caption.x}px, ${caption.y}px)` }
      : { ...LABEL_STYLE, ...size, transform: `translate(-50%, -50%) translate(${smoothX}px, ${smoothY}px)` };
  const marks = data?.marks;
  const error = (marks?.errors ?? 0) > 0;
  const mark = labelMark(marks, data?.diff);
  const classes = ['pf-edge'];
  if (data?.kind === 'join' || data?.kind === 'deadline') classes.push('pf-edge-dashed');
  if (data?.highlighted) classes.push('pf-edge-lit');
  if (data?.diff) classes.push(`pf-edge-${data.diff}`);
  if (marks) classes.push(error ? 'pf-edge-error' : 'pf-edge-warning');
  if (selected) classes.push('pf-edge-selected');
  if (!routed) classes.push('pf-edge-provisional');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={classes.join(' ')}
        markerEnd={markerEnd}
        interactionWidth={14}
      />
      {data && (data.text || marks || data.diff) && (
        <EdgeLabelRenderer>
          <div
            className={`pf-edge-label nodrag nopan ${classes.slice(1).join(' ')}`}
            style={labelStyle}
            title={marks?.message ?? (data.condition ? `${data.text} — ${data.condition}` : data.text)}
            data-testid={`edge-${id}`}
          >
            {mark?.icon &&
              (error ? (
                <CircleAlert
                  size={LABEL_MARK.icon}
                  style={ICON_STYLE}
                  aria-label="error"
                  className="pf-edge-icon-error"
                />
              ) : (
                <TriangleAlert
                  size={LABEL_MARK.icon}
                  style={ICON_STYLE}
                  aria-label="warning"
                  className="pf-edge-icon-warning"
                />
              ))}
            {caption && caption.lines.length > 1 ? (
              <span className="pf-edge-lines">
                {caption.lines.map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a line's place is its identity
                  <span key={i}>{i < caption.lines.length - 1 ? `${line} ` : line}</span>
                ))}
              </span>
            ) : (
              <span>{data.text}</span>
            )}
            {mark?.words?.map((word) => (
              <span key={word} className="pf-edge-mark-text" style={MARK_WORDS_STYLE}>
                {word}
              </span>
            ))}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
