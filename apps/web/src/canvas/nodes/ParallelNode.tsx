import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StepNode } from '../types.ts';
import { StepFrame } from './StepFrame.tsx';

/** A fork into parallel branches: a bar, labelled beside it. */
export const ParallelNode = memo(function ParallelNode({ data }: NodeProps<StepNode>) {
  return (
    <StepFrame data={data} kind="parallel">
      <div className="pf-bar" />
      <div className="pf-parallel-title" title={data.title}>
        {data.title}
      </div>
    </StepFrame>
  );
});
