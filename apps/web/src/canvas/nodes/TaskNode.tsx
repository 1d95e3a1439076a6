import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StepNode } from '../types.ts';
import { BoxLines } from './BoxLines.tsx';
import { StepFrame } from './StepFrame.tsx';

/** A task: the title and the deadline ("2 business days → Supervisor"); the lane says who owns it. */
export const TaskNode = memo(function TaskNode({ data }: NodeProps<StepNode>) {
  return (
    <StepFrame data={data} kind="task">
      <BoxLines text={data.titleText} className="pf-title" />
      {data.subtitleText && <BoxLines text={data.subtitleText} className="pf-subtitle" />}
    </StepFrame>
  );
});
