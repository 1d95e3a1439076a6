/** What the diagram highlights (the shape WorkflowDiagram takes). */
export interface DiagramHighlight {
  active?: string[];
  visited?: string[];
  edges?: Array<{ from: string; to: string }>;
}

export type { HistoryResponse, ReplayResponse, VerifyResponse, VerifyResult } from '@portalflow/contract';
