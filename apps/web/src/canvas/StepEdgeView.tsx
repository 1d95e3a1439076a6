import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getSmoothStepPath } from '@xyflow/react';
import { CircleAlert, TriangleAlert } from 'lucide-react';
import { memo } from 'react';
import type { StepEdge } from './types.ts';

const DIFF_TEXT = { added: 'added', removed: 'removed', changed: 'changed' } as const;

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
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    borderRadius: 10,
    offset: 18,
  });
  const marks = data?.marks;
  const error = (marks?.errors ?? 0) > 0;
  const classes = ['pf-edge'];
  if (data?.kind === 'join' || data?.kind === 'deadline') classes.push('pf-edge-dashed');
  if (data?.highlighted) classes.push('pf-edge-lit');
  if (data?.diff) classes.push(`pf-edge-${data.diff}`);
  if (marks) classes.push(error ? 'pf-edge-error' : 'pf-edge-warning');
  if (selected) classes.push('pf-edge-selected');
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
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={marks?.message ?? data.text}
            data-testid={`edge-${id}`}
          >
            {marks &&
              (error ? (
                <CircleAlert size={11} aria-label="error" className="pf-edge-icon-error" />
              ) : (
                <TriangleAlert size={11} aria-label="warning" className="pf-edge-icon-warning" />
              ))}
            <span>{data.text}</span>
            {marks && <span className="pf-edge-mark-text">{error ? 'error' : 'warning'}</span>}
            {data.diff && <span className="pf-edge-mark-text">{DIFF_TEXT[data.diff]}</span>}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
