import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StepNode } from '../types.ts';
import { BoxLines } from './BoxLines.tsx';
import { StepFrame } from './StepFrame.tsx';

/** A wait for a signal or a time: a dashed pill. */
export const WaitNode = memo(function WaitNode({ data }: NodeProps<StepNode>) {
  return (
    <StepFrame data={data} kind="wait">
      <BoxLines text={data.titleText} className="pf-title" centred />
      {data.subtitleText && <BoxLines text={data.subtitleText} className="pf-subtitle" centred />}
    </StepFrame>
  );
});
