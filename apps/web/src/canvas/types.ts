import type { PlacedLabel, Point, Rect } from '@portalflow/diagram';
import type { StepKind } from '@portalflow/engine';
import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import type { Marks } from '../model/lintOverlay.ts';

/** How a step or arrow looks in a comparison of two versions. */
export type DiffState = 'added' | 'removed' | 'changed';

/** Lines of text at an offset inside the box, exactly as the diagram package wrapped them. */
export interface BoxText {
  lines: string[];
  top: number;
  left: number;
}

export interface StepNodeData extends Record<string, unknown> {
  stepId: string;
  title: string;
  subtitle?: string;
  titleText: BoxText;
  subtitleText?: BoxText;
  /** The drawn shape inside the box (end circle, parallel bar), relative to the box. */
  shape: Rect;
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
  /** A branch's condition as written (the text says it in words): shown when pointed at. */
  condition?: string;
  /** The routed arrow (absent while one of its ends is being dragged). */
  points?: Point[];
  caption?: PlacedLabel;
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
