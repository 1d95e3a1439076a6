import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StepNode } from '../types.ts';
import { BoxLines } from './BoxLines.tsx';
import { StepFrame } from './StepFrame.tsx';

/** A fork into parallel branches: a bar, its title below. */
export const ParallelNode = memo(function ParallelNode({ data }: NodeProps<StepNode>) {
  const s = data.shape;
  return (
    <StepFrame data={data} kind="parallel">
      <div className="pf-bar" style={{ left: s.x, top: s.y, width: s.width, height: s.height }} />
      <BoxLines text={data.titleText} className="pf-title pf-below" centred />
    </StepFrame>
  );
});
