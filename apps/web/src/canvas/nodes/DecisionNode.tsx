import { DECISION_POINT } from '@portalflow/diagram';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StepNode } from '../types.ts';
import { BoxLines } from './BoxLines.tsx';
import { StepFrame } from './StepFrame.tsx';

/** An automatic decision: a six-sided box with its question, pointed where arrows come and go. */
export const DecisionNode = memo(function DecisionNode({ data, width = 0, height = 0 }: NodeProps<StepNode>) {
  const p = DECISION_POINT;
  const points = `${p},1 ${width - p},1 ${width - 1},${height / 2} ${width - p},${height - 1} ${p},${height - 1} 1,${height / 2}`;
  return (
    <StepFrame data={data} kind="decision">
      <svg className="pf-diamond" viewBox={`0 0 ${width} ${height}`} aria-hidden>
        <polygon points={points} />
      </svg>
      <BoxLines text={data.titleText} className="pf-title" centred />
    </StepFrame>
  );
});
