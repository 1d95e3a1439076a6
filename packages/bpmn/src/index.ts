export { BpmnError, BpmnErrorCode } from './errors.ts';
export { toBpmn } from './export/toBpmn.ts';
export { autoLayout } from './layout/autoLayout.ts';
export { type LaneLayout, type Layout, readLayout, type StepPosition } from './layout/layout.ts';
export { NS } from './namespaces.ts';
