import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StepNode } from '../types.ts';
import { StepFrame } from './StepFrame.tsx';

/** An automatic decision: a diamond with its question. */
export const DecisionNode = memo(function DecisionNode({ data }: NodeProps<StepNode>) {
  return (
    <StepFrame data={data} kind="decision">
      <svg className="pf-diamond" viewBox="0 0 132 72" preserveAspectRatio="none" aria-hidden>
        <polygon points="66,2 130,36 66,70 2,36" />
      </svg>
      <div className="pf-decision-title" title={data.title}>
        {data.title}
      </div>
    </StepFrame>
  );
});
