import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StepNode } from '../types.ts';
import { StepFrame } from './StepFrame.tsx';

/** The end of the instance: a thick circle, its outcome written below. */
export const EndNode = memo(function EndNode({ data }: NodeProps<StepNode>) {
  return (
    <StepFrame data={data} kind="end" connectable={false}>
      <div className="pf-end-circle" />
      <div className="pf-end-title" title={data.title}>
        {data.title}
      </div>
    </StepFrame>
  );
});
