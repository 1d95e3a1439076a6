export { type VersionChange, versionChanges } from './changes.ts';
export { durationText, edgeText, roleNameIn, stepDeadlineText, stepTitle } from './describe.ts';
export {
  type Handbook,
  type HandbookOptions,
  type HandbookStep,
  handbookMarkdown,
  handbookOf,
  recordText,
} from './handbook.ts';
