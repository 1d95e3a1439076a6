import type { NodeProps } from '@xyflow/react';
import { Clock } from 'lucide-react';
import { memo } from 'react';
import type { StepNode } from '../types.ts';
import { StepFrame } from './StepFrame.tsx';

/** A task: the title and the deadline ("2 business days → Supervisor"); the lane says who owns it. */
export const TaskNode = memo(function TaskNode({ data }: NodeProps<StepNode>) {
  return (
    <StepFrame data={data} kind="task">
      <div className="pf-task-title" title={data.title}>
        {data.title}
      </div>
      {data.subtitle && (
        <div className="pf-task-deadline">
          <Clock size={11} aria-hidden />
          <span>{data.subtitle}</span>
        </div>
      )}
    </StepFrame>
  );
});
