import type { NodeProps } from '@xyflow/react';
import { Hourglass } from 'lucide-react';
import { memo } from 'react';
import type { StepNode } from '../types.ts';
import { StepFrame } from './StepFrame.tsx';

/** A wait for a signal or a time. */
export const WaitNode = memo(function WaitNode({ data }: NodeProps<StepNode>) {
  return (
    <StepFrame data={data} kind="wait">
      <div className="pf-wait-title" title={data.title}>
        <Hourglass size={12} aria-hidden /> {data.title}
      </div>
      {data.subtitle && <div className="pf-task-deadline">{data.subtitle}</div>}
    </StepFrame>
  );
});
