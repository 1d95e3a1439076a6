import type { StepKind } from '@portalflow/engine';
import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import type { Marks } from '../model/lintOverlay.ts';

/** How a step or arrow looks in a comparison of two versions. */
export type DiffState = 'added' | 'removed' | 'changed';

export interface StepNodeData extends Record<string, unknown> {
  stepId: string;
  title: string;
  subtitle?: string;
  isStart: boolean;
  marks?: Marks;
  /** Simulation / audit: the step is open now (with the role that owns it), or was passed. */
  state?: 'active' | 'visited';
  activeRole?: string;
  diff?: DiffState;
  /** A callout under the box, e.g. an owner change "Triage nurse → Provider". */
  note?: string;
}

export type StepNode = FlowNode<StepNodeData, StepKind>;

export interface StepEdgeData extends Record<string, unknown> {
  text: string;
  kind: string;
  marks?: Marks;
  highlighted?: boolean;
  diff?: DiffState;
}

export type StepEdge = FlowEdge<StepEdgeData, 'step'>;

export interface DiagramHighlight {
  active?: string[];
  visited?: string[];
  edges?: Array<{ from: string; to: string }>;
}
