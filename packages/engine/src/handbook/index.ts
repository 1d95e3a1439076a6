export { type VersionChange, versionChanges } from './changes.ts';
export { durationText, edgeText, roleNameIn, stepDeadlineText, stepTitle } from './describe.ts';
export {
  type Handbook,
  type HandbookOptions,
  type HandbookStep,
  handbookMarkdown,
  handbookOf,
} from './handbook.ts';
export {
  readStoredLayout,
  type Scene,
  type SceneBox,
  type SceneLane,
  type StoredLayout,
  sceneOf,
} from './scene.ts';
export { workflowSvg } from './svg.ts';
