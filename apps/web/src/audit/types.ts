import type { Definition } from '@portalflow/engine';
import type { AuditEvent, InstanceView, RequestNote, TimelineEntry } from '../api/types.ts';

/** GET /api/instances/:id/history */
export interface HistoryResponse {
  instance: InstanceView;
  events: AuditEvent[];
  timeline: TimelineEntry[];
  /** The request's notes, placed on the timeline by time. */
  notes: RequestNote[];
}

/** GET /api/instances/:id/replay?at=N (`instance` is missing when there is nothing to replay). */
export interface ReplayResponse {
  at: number;
  of?: number;
  instance?: InstanceView;
}

export type VerifyResult =
  | { ok: true; count: number; lastHash?: string }
  | { ok: false; seq: number; fault: string; reason: string };

/** GET /api/audit/verify?instanceId= */
export interface VerifyResponse {
  instanceId: string;
  result: VerifyResult;
}

/** What the diagram highlights (the shape WorkflowDiagram takes). */
export interface DiagramHighlight {
  active?: string[];
  visited?: string[];
  edges?: Array<{ from: string; to: string }>;
}
