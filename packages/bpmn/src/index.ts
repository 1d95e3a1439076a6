export { BpmnError, BpmnErrorCode } from './errors.ts';
export type { PoolMode } from './export/pools.ts';
export { type ExportOptions, toBpmn } from './export/toBpmn.ts';
export { fromBpmn, type ImportResult } from './import/fromBpmn.ts';
export type { Skipped } from './import/model.ts';
export { NS } from './namespaces.ts';
