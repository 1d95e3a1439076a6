import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { DecisionNode } from './nodes/DecisionNode.tsx';
import { EndNode } from './nodes/EndNode.tsx';
import { ParallelNode } from './nodes/ParallelNode.tsx';
import { TaskNode } from './nodes/TaskNode.tsx';
import { WaitNode } from './nodes/WaitNode.tsx';
import { StepEdgeView } from './StepEdgeView.tsx';

/** Defined once at module level: a new object per render would remount every node. */
export const nodeTypes: NodeTypes = {
  task: TaskNode,
  decision: DecisionNode,
  parallel: ParallelNode,
  wait: WaitNode,
  end: EndNode,
};

export const edgeTypes: EdgeTypes = { step: StepEdgeView };
