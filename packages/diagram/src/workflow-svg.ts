import type { Definition } from '@portalflow/engine';
import { sceneOf } from './scene.ts';
import { sceneSvg } from './svg.ts';

/** The swimlane diagram of a workflow as SVG, from its stored layout (or the automatic one). */
export function workflowSvg(definition: Definition, layout?: unknown): string {
  return sceneSvg(sceneOf(definition, layout));
}
