import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StepNode } from '../types.ts';
import { BoxLines } from './BoxLines.tsx';
import { StepFrame } from './StepFrame.tsx';

/** The end of the instance: a thick circle, its outcome written below (inside the box, never cut). */
export const EndNode = memo(function EndNode({ data }: NodeProps<StepNode>) {
  const s = data.shape;
  return (
    <StepFrame data={data} kind="end" connectable={false}>
      <div className="pf-end-circle" style={{ left: s.x, top: s.y, width: s.width, height: s.height }} />
      <BoxLines text={data.titleText} className="pf-title pf-below" centred />
    </StepFrame>
  );
});
