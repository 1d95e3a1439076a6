import type { XmlElement } from '../xml/read.ts';
import type { FlowNode, Lane, ProcessModel } from './model.ts';
import { slugify } from './names.ts';

/** What each BPMN flow node becomes. */
export type NodeRole =
  | { type: 'step'; stepId: string }
  | { type: 'through' }
  | { type: 'outcomes' }
  | { type: 'consumed' }
  | { type: 'dropped' };

/** The importer's state that the timer and wait readers use. */
export interface ImportContext {
  readonly root: XmlElement;
  readonly model: ProcessModel;
  /** The file was written by portalflow: its names and texts are kept exactly. */
  readonly ours: boolean;
  readonly roleOfLane: Map<Lane, string | undefined>;
  skip(node: FlowNode, reason: string, kind?: string): void;
  warn(message: string): void;
  /** The step a flow into `nodeId` ends up at. */
  resolve(nodeId: string): string | undefined;
  role(id: string): NodeRole;
  /** An end step added where BPMN leaves a flow open and portalflow needs a target. */
  addedEnd(near: string, why: string): string;
}

export const ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** Our own names are ids already; other tools' names become slugs ("Route to provider" → route-to-provider). */
export const asId = (text: string | undefined, ours: boolean) =>
  ours && text !== undefined && ID.test(text) && text.length <= 80 ? text : slugify(text);
