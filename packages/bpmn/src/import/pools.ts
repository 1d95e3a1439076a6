import { BpmnError, BpmnErrorCode } from '../errors.ts';
import { NS } from '../namespaces.ts';
import { attr, childrenOf, refLocal, type XmlElement } from '../xml/read.ts';
import { countFlowNodes, type Skipped, TASK_KINDS } from './model.ts';

export interface ChosenPool {
  process: XmlElement;
  /** The pool's (else the process's) name. */
  name: string | undefined;
  /** Whether a pool (participant) shows the process. */
  hasPool: boolean;
  skipped: Skipped[];
}

/** The pool to import: the process with the most tasks; every other pool and message flow is reported. */
export function choosePool(
  root: XmlElement,
  text: (s: string | undefined) => string | undefined,
): ChosenPool {
  const skipped: Skipped[] = [];
  let poolName: string | undefined;
  let hasPool = false;
  const processes = childrenOf(root, NS.model, 'process');
  const participants = childrenOf(root, NS.model, 'collaboration').flatMap((c) =>
    childrenOf(c, NS.model, 'participant'),
  );
  if (processes.length === 0)
    throw new BpmnError(
      BpmnErrorCode.NO_PROCESS,
      participants.length > 0
        ? 'the file has only black-box pools: there is no process to import'
        : 'the file has no process to import',
    );
  const tasks = (p: XmlElement) =>
    p.children.filter((c) => c.uri === NS.model && TASK_KINDS.has(c.local)).length;
  let chosen = processes[0]!;
  for (const p of processes) if (tasks(p) > tasks(chosen)) chosen = p;

  const chosenId = attr(chosen, 'id');
  for (const part of participants) {
    const ref = refLocal(attr(part, 'processRef'));
    if (ref !== undefined && ref === chosenId) {
      poolName = text(attr(part, 'name'));
      hasPool = true;
      continue;
    }
    const process = processes.find((p) => attr(p, 'id') === ref);
    skipped.push({
      id: attr(part, 'id') ?? '',
      kind: 'participant',
      reason: process
        ? `only one pool is imported; this pool's ${countFlowNodes(process)} elements were left out`
        : 'a black-box pool has no process to import',
    });
  }
  for (const p of processes) {
    if (p === chosen) continue;
    const id = attr(p, 'id');
    if (participants.some((part) => refLocal(attr(part, 'processRef')) === id)) continue;
    skipped.push({
      id: id ?? '',
      kind: 'process',
      reason: `only one process is imported; its ${countFlowNodes(p)} elements were left out`,
    });
  }
  for (const c of childrenOf(root, NS.model, 'collaboration'))
    for (const m of childrenOf(c, NS.model, 'messageFlow'))
      skipped.push({
        id: attr(m, 'id') ?? '',
        kind: 'messageFlow',
        reason: 'message flows between pools are not modelled',
      });
  if (!poolName) poolName = text(attr(chosen, 'name'));
  return { process: chosen, name: poolName, hasPool, skipped };
}
