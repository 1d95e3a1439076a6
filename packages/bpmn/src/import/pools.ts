import { BpmnError, BpmnErrorCode } from '../errors.ts';
import { NS } from '../namespaces.ts';
import { attr, childrenOf, refLocal, type XmlElement } from '../xml/read.ts';
import { countFlowNodes, type Skipped, TASK_KINDS } from './model.ts';

/** A pool of the file: a participant showing a process, a black-box participant, or a process without a pool. */
export interface Pool {
  /** The participant's id, else the process's. */
  id: string;
  /** The pool's (else the process's) name. */
  name: string | undefined;
  participant: XmlElement | undefined;
  /** Undefined for a black-box pool. */
  process: XmlElement | undefined;
}

export interface MessageFlow {
  id: string;
  el: XmlElement;
  source: string;
  target: string;
  name: string | undefined;
}

export interface Pools {
  /** In the order the collaboration lists them; black-box pools included. */
  pools: Pool[];
  /** The pool with the most tasks: it names the workflow when the collaboration does not. */
  main: Pool;
  collaboration: XmlElement | undefined;
  /** More than one pool holds a process: the file is a collaboration of departments. */
  multi: boolean;
  messageFlows: MessageFlow[];
  skipped: Skipped[];
}

const tasks = (p: XmlElement) =>
  p.children.filter((c) => c.uri === NS.model && TASK_KINDS.has(c.local)).length;

/**
 * The pools to import: every pool of the collaboration, each with its process (black-box pools
 * have none). A file without pools imports its process with the most tasks; other processes no
 * pool shows are reported.
 */
export function readPools(root: XmlElement, text: (s: string | undefined) => string | undefined): Pools {
  const skipped: Skipped[] = [];
  const processes = childrenOf(root, NS.model, 'process');
  const collaborations = childrenOf(root, NS.model, 'collaboration');
  const participants = collaborations.flatMap((c) => childrenOf(c, NS.model, 'participant'));
  if (processes.length === 0)
    throw new BpmnError(
      BpmnErrorCode.NO_PROCESS,
      participants.length > 0
        ? 'the file has only black-box pools: there is no process to import'
        : 'the file has no process to import',
    );
  const byId = new Map<string, XmlElement>();
  for (const p of processes) {
    const id = attr(p, 'id');
    if (id !== undefined && !byId.has(id)) byId.set(id, p);
  }

  const pools: Pool[] = [];
  const shown = new Set<XmlElement>();
  for (const part of participants) {
    const process = byId.get(refLocal(attr(part, 'processRef')) ?? '');
    const pool: Pool = {
      id: attr(part, 'id') ?? '',
      name: text(attr(part, 'name')),
      participant: part,
      process: undefined,
    };
    if (process && shown.has(process)) {
      skipped.push({ id: pool.id, kind: 'participant', reason: 'a second pool shows the same process' });
      continue;
    }
    if (process) {
      shown.add(process);
      pool.process = process;
      pool.name ??= text(attr(process, 'name'));
    }
    pools.push(pool);
  }
  if (shown.size === 0) {
    // No pool shows a process: the process with the most tasks is the workflow.
    let chosen = processes[0]!;
    for (const p of processes) if (tasks(p) > tasks(chosen)) chosen = p;
    shown.add(chosen);
    pools.unshift({
      id: attr(chosen, 'id') ?? '',
      name: text(attr(chosen, 'name')),
      participant: undefined,
      process: chosen,
    });
  }
  for (const p of processes) {
    if (shown.has(p)) continue;
    skipped.push({
      id: attr(p, 'id') ?? '',
      kind: 'process',
      reason: `no pool shows this process; its ${countFlowNodes(p)} elements were left out`,
    });
  }

  const withProcess = pools.filter((p) => p.process !== undefined);
  let main = withProcess[0]!;
  for (const p of withProcess) if (tasks(p.process!) > tasks(main.process!)) main = p;
  const messageFlows: MessageFlow[] = collaborations.flatMap((c) =>
    childrenOf(c, NS.model, 'messageFlow').map((el) => ({
      id: attr(el, 'id') ?? `line-${el.line}`,
      el,
      source: refLocal(attr(el, 'sourceRef')) ?? '',
      target: refLocal(attr(el, 'targetRef')) ?? '',
      name: text(attr(el, 'name')),
    })),
  );
  return {
    pools,
    main,
    collaboration: collaborations[0],
    multi: withProcess.length > 1,
    messageFlows,
    skipped,
  };
}
