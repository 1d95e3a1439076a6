import type { StoredLayout as Layout } from '@portalflow/diagram';
import type { Definition, Role, Step, TaskStep } from '@portalflow/engine';
import { BpmnError, BpmnErrorCode } from '../errors.ts';
import { EXPORTER, NS } from '../namespaces.ts';
import { attr, childOf, childrenOf, readXml, type XmlElement } from '../xml/read.ts';
import { camundaForm, camundaGroup } from './camunda.ts';
import { asId, type ImportContext, type NodeRole } from './context.ts';
import { taskDeadline } from './deadlines.ts';
import { layoutFromDiagram } from './diagram.ts';
import { fieldOf } from './form.ts';
import { decision, fork } from './gateways.ts';
import { type Handoffs, readHandoffs } from './handoffs.ts';
import { workflowStart } from './intake.ts';
import {
  countFlowNodes,
  documentationOf,
  eventDefinitions,
  type FlowNode,
  indexProcess,
  type Lane,
  mergeModels,
  type ProcessModel,
  pfExtension,
  type Skipped,
  TASK_KINDS,
} from './model.ts';
import { clip, IdPool, sanitizeId, slugify } from './names.ts';
import { type Pool, type Pools, readPools } from './pools.ts';
import { waitEvent, waitGateway } from './waits.ts';

export interface ImportResult {
  definition: Definition;
  layout: Layout;
  /** Every element that was not imported, by id and kind, with the reason. */
  skipped: Skipped[];
  /** Things imported with a loss or a guess (an inclusive gateway read as a decision, a cut title…). */
  warnings: string[];
}

const PRIORITIES = new Set(['low', 'normal', 'high', 'urgent']);

/** Readable step ids for unnamed foreign elements. */
const UNNAMED: Record<string, string> = {
  exclusiveGateway: 'decision',
  inclusiveGateway: 'decision',
  complexGateway: 'decision',
  parallelGateway: 'parallel',
  eventBasedGateway: 'wait',
  intermediateCatchEvent: 'wait',
  endEvent: 'end',
};

/**
 * Reads a BPMN 2.0 file from any modeler: lanes become roles, tasks of any type become tasks
 * owned by their lane, gateways become outcomes, decisions and parallel steps, timers become
 * deadlines and waits. What does not map is reported by id and kind, never thrown; only text
 * that is not XML, or XML that is not BPMN, throws a `BpmnError`.
 */
export function fromBpmn(xml: string): ImportResult {
  const root = readXml(xml);
  if (root.uri !== NS.model || root.local !== 'definitions') {
    const found = root.uri ? `{${root.uri}}${root.local}` : root.local;
    throw new BpmnError(
      BpmnErrorCode.NOT_BPMN,
      `not a BPMN 2.0 file: the root element is ${found}, expected definitions in ${NS.model}`,
      { line: root.line, column: root.column },
    );
  }
  return new Importer(root).run();
}

class Importer implements ImportContext {
  private readonly skipped: Skipped[] = [];
  private readonly warnings: string[] = [];
  private readonly steps: Record<string, Step> = {};
  private readonly roles: Role[] = [];
  readonly roleOfLane = new Map<Lane, string | undefined>();
  private readonly stepIds = new IdPool();
  private readonly roleIds = new IdPool();
  private readonly roleByName = new Map<string, string>();
  private readonly nodeRoles = new Map<string, NodeRole>();
  model!: ProcessModel;
  private pools!: Pools;
  private handoffs!: Handoffs;
  /** Role order written by portalflow when pools put the lanes in another order. */
  private readonly roleOrder = new Map<string, number>();
  readonly ours: boolean;

  constructor(readonly root: XmlElement) {
    this.ours = attr(root, 'exporter') === EXPORTER;
  }

  run(): ImportResult {
    this.pools = readPools(this.root, (s) => this.text(s));
    this.skipped.push(...this.pools.skipped);
    const models = this.pools.pools.map((pool, i) => {
      if (!pool.process) return this.wholePool(pool, i, []);
      const model = indexProcess(pool.process, !this.ours, i);
      // In a collaboration a pool without lanes is one role, as a lane of its own.
      return this.pools.multi && !model.anyLanes
        ? this.wholePool(pool, i, [...model.nodes.values()], model)
        : model;
    });
    this.model = mergeModels(models);
    this.skipped.push(...this.model.skipped);
    this.handoffs = readHandoffs(this.model, this.pools.pools, this.pools.messageFlows);
    this.skipped.push(...this.handoffs.skipped);
    this.warnings.push(...this.handoffs.warnings);
    this.makeRoles();
    this.classify();
    for (const node of this.model.nodes.values()) this.buildStep(node);
    const start = this.findStart();
    const main = this.pools.main.process!;
    const collaboration = this.pools.multi ? this.pools.collaboration : undefined;
    const workflow =
      (collaboration && pfExtension(collaboration, 'workflow')) ?? pfExtension(main, 'workflow');
    const title = this.pools.multi
      ? (this.text(collaboration && attr(collaboration, 'name')) ??
        this.text(attr(this.root, 'name')) ??
        this.pools.main.name)
      : this.pools.main.name;
    const definition: Definition = {
      id: clip(
        sanitizeId(workflow ? attr(workflow, 'id') : undefined) ||
          slugify(title ?? attr(main, 'name')) ||
          sanitizeId(attr(main, 'id')) ||
          'imported-workflow',
        80,
      ),
      title: this.clipped(title ?? 'Imported workflow', 200, 'title'),
      roles: this.roles.slice(0, 200),
      start,
      steps: this.steps,
    };
    Object.assign(definition, workflowStart(workflow));
    const schema = workflow ? attr(workflow, 'schema') : undefined;
    if (schema !== undefined) definition.$schema = schema;
    const description =
      (collaboration && documentationOf(this.ours, collaboration)) ?? documentationOf(this.ours, main);
    if (description !== undefined) definition.description = this.clipped(description, 8000, 'description');
    if (definition.title === '') definition.title = 'Imported workflow';
    if (this.roles.length > 200)
      this.warnings.push(`only the first 200 of ${this.roles.length} lanes were imported`);
    const stepOf = new Map<string, string>();
    for (const [id, r] of this.nodeRoles) if (r.type === 'step') stepOf.set(id, r.stepId);
    const layout = layoutFromDiagram(this.root, definition, stepOf, this.model, this.roleOfLane, this.ours);
    return { definition, layout, skipped: this.skipped, warnings: this.warnings };
  }

  private clipped(text: string, max: number, what: string): string {
    if (text.length > max) this.warnings.push(`${what} was longer than ${max} characters and was cut`);
    return clip(text, max);
  }

  /** Names from our own files are kept exactly; other tools' are trimmed. */
  private text(s: string | undefined): string | undefined {
    return this.ours ? s : s?.trim() || undefined;
  }

  /**
   * A pool as one lane: a black-box pool (no process), or in a collaboration a pool without lanes.
   * Either becomes one role named after the pool.
   */
  private wholePool(pool: Pool, index: number, nodes: FlowNode[], model?: ProcessModel): ProcessModel {
    const lane: Lane = {
      id: pool.id,
      el: pool.participant ?? pool.process!,
      name: pool.name,
      parent: undefined,
      leaf: true,
      pool: index,
      wholePool: true,
    };
    for (const n of nodes) n.lane = lane;
    if (!pool.process)
      this.warnings.push(
        `pool '${pool.name ?? pool.id}' is a black box (no process): it became a role that owns no task`,
      );
    return {
      nodes: model?.nodes ?? new Map(),
      flows: model?.flows ?? [],
      leafLanes: [lane],
      // A black box holds no node: the pools around it keep their own way of naming roles.
      anyLanes: pool.process !== undefined,
      skipped: model?.skipped ?? [],
    };
  }

  /**
   * Leaf lanes become roles; the department is the parent lane's name, or in a collaboration the
   * pool's. Our own files keep the role order they were written with.
   */
  private makeRoles(): void {
    for (const lane of this.model.leafLanes) {
      if (pfExtension(lane.el, 'unassigned')) {
        this.roleOfLane.set(lane, undefined);
        continue;
      }
      const pf = lane.wholePool ? undefined : pfExtension(lane.el, 'role');
      const id = this.roleIds.claim(
        sanitizeId(pf ? attr(pf, 'id') : undefined) || slugify(lane.name) || sanitizeId(lane.id),
        'role',
      );
      const role: Role = { id, name: clip(lane.name ?? id, 120) };
      const pool = this.pools.pools[lane.pool]!;
      const department = pf
        ? attr(pf, 'department')
        : (lane.parent?.name ?? (this.pools.multi && !lane.wholePool ? pool.name : undefined));
      if (department !== undefined) role.department = clip(department, 120);
      const description = pf
        ? attr(pf, 'description')
        : lane.wholePool
          ? undefined
          : documentationOf(this.ours, lane.el);
      if (description !== undefined) role.description = clip(description, 4000);
      const order = pf ? Number(attr(pf, 'order')) : Number.NaN;
      if (Number.isInteger(order)) this.roleOrder.set(id, order);
      this.roles.push(role);
      this.roleOfLane.set(lane, id);
      this.roleByName.set(role.name.toLowerCase(), id);
    }
    if (this.roleOrder.size > 0) {
      const at = (r: Role) => this.roleOrder.get(r.id) ?? Number.MAX_SAFE_INTEGER;
      this.roles.sort((a, b) => at(a) - at(b));
    }
  }

  /** A role named `name` (a Camunda candidate group, or the pool when there are no lanes). */
  private roleNamed(name: string): string {
    const known = this.roleByName.get(name.toLowerCase());
    if (known) return known;
    const id = this.roleIds.claim(slugify(name), 'performer');
    this.roles.push({ id, name: clip(name, 120) });
    this.roleByName.set(name.toLowerCase(), id);
    return id;
  }

  private roleOf(node: FlowNode): string | undefined {
    if (node.lane) return this.roleOfLane.get(node.lane);
    const group = camundaGroup(node.el);
    if (group) return this.roleNamed(group);
    if (!this.model.anyLanes) {
      const main = this.pools.main;
      return this.roleNamed(main.participant ? (main.name ?? 'Staff') : 'Staff');
    }
    this.warnings.push(`task '${node.name ?? node.id}' is in no lane: it has no role`);
    return undefined;
  }

  role(id: string): NodeRole {
    return this.nodeRoles.get(id) ?? { type: 'dropped' };
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  skip(node: FlowNode, reason: string, kind = node.kind): void {
    this.skipped.push({ id: node.id, kind, reason });
  }

  /** Decides what each node becomes, then hands out step ids in document order. */
  private classify(): void {
    const nodes = [...this.model.nodes.values()];
    const set = (n: FlowNode, r: NodeRole) => this.nodeRoles.set(n.id, r);
    const step = (n: FlowNode) => set(n, { type: 'step', stepId: '' });
    // Tasks first: outcome gateways are recognised by the task before them.
    for (const n of nodes) {
      if (!TASK_KINDS.has(n.kind)) continue;
      if (attr(n.el, 'isForCompensation') === 'true') {
        set(n, { type: 'dropped' });
        this.skip(n, 'compensation handlers are not modelled');
      } else {
        step(n);
        for (const c of n.el.children) {
          if (c.uri !== NS.model) continue;
          if (c.local === 'multiInstanceLoopCharacteristics' || c.local === 'standardLoopCharacteristics')
            this.skipped.push({
              id: attr(c, 'id') ?? n.id,
              kind: c.local,
              reason: 'loops are not modelled: imported as one task',
            });
          else if (c.local === 'dataInputAssociation' || c.local === 'dataOutputAssociation')
            this.skipped.push({
              id: attr(c, 'id') ?? n.id,
              kind: c.local,
              reason: 'data associations are not modelled',
            });
        }
      }
    }
    for (const n of nodes) {
      if (TASK_KINDS.has(n.kind)) continue;
      const defs = eventDefinitions(n.el).map((d) => d.local);
      switch (n.kind) {
        case 'subProcess':
        case 'transaction':
        case 'adHocSubProcess':
        case 'callActivity': {
          const event = attr(n.el, 'triggeredByEvent') === 'true';
          const inside = countFlowNodes(n.el);
          if (event) {
            set(n, { type: 'dropped' });
            this.skip(
              n,
              `event sub-processes are not modelled (${inside} ${inside === 1 ? 'element' : 'elements'} inside)`,
              'eventSubProcess',
            );
          } else if (n.outgoing.length === 1 && n.incoming.length > 0) {
            set(n, { type: 'through' });
            this.skip(
              n,
              `${n.kind === 'callActivity' ? 'call activities' : 'sub-processes'} are not modelled: the flow passes straight through${inside ? ` (${inside} ${inside === 1 ? 'element' : 'elements'} inside)` : ''}`,
            );
          } else {
            set(n, { type: 'dropped' });
            this.skip(
              n,
              `${n.kind === 'callActivity' ? 'call activities' : 'sub-processes'} are not modelled${inside ? ` (${inside} ${inside === 1 ? 'element' : 'elements'} inside)` : ''}`,
            );
          }
          break;
        }
        case 'exclusiveGateway':
        case 'inclusiveGateway':
        case 'complexGateway': {
          if (pfExtension(n.el, 'outcomes')) set(n, { type: 'outcomes' });
          else if (pfExtension(n.el, 'decision')) step(n);
          else if (n.outgoing.length <= 1) set(n, { type: 'through' });
          else if (this.isOutcomeGateway(n)) set(n, { type: 'outcomes' });
          else {
            step(n);
            if (n.kind !== 'exclusiveGateway')
              this.warnings.push(
                `${n.kind} '${n.name ?? n.id}' was imported as a decision: only the first branch that holds is taken`,
              );
          }
          break;
        }
        case 'parallelGateway':
          if (pfExtension(n.el, 'join')) set(n, { type: 'through' });
          else if (pfExtension(n.el, 'fork') || n.outgoing.length >= 2) step(n);
          else set(n, { type: 'through' });
          break;
        case 'eventBasedGateway':
          step(n);
          break;
        case 'startEvent':
          // Entered from another pool: the flow passes on to its first step.
          set(n, this.handoffs.entries.has(n.id) ? { type: 'through' } : { type: 'consumed' });
          break;
        case 'endEvent':
          if (this.handoffs.through.has(n.id)) set(n, { type: 'through' });
          else if (this.handoffs.folded.has(n.id)) set(n, { type: 'dropped' });
          else if (
            pfExtension(n.el, 'escalation') ||
            (defs.includes('escalationEventDefinition') && this.fromTimer(n))
          )
            set(n, { type: 'consumed' });
          else step(n);
          break;
        case 'intermediateCatchEvent':
          if (n.incoming.some((f) => this.model.nodes.get(f.source)?.kind === 'eventBasedGateway'))
            set(n, { type: 'consumed' });
          else if (defs.includes('linkEventDefinition')) {
            set(n, { type: 'through' });
            this.skip(
              n,
              'link events are not modelled: the flow continues from the matching link throw event',
            );
          } else step(n);
          break;
        case 'intermediateThrowEvent':
        case 'implicitThrowEvent':
          set(n, { type: 'through' });
          if (this.handoffs.through.has(n.id)) break;
          this.skip(
            n,
            defs.includes('linkEventDefinition')
              ? 'link events are not modelled: the flow continues at the matching link catch event'
              : 'throw events are not modelled: the flow passes straight through',
          );
          break;
        case 'boundaryEvent':
          set(n, { type: 'consumed' });
          break;
      }
    }
    // Step ids: our own files keep theirs; others get readable ids from names.
    for (const n of nodes) {
      const r = this.nodeRoles.get(n.id);
      if (r?.type !== 'step') continue;
      const base = this.ours ? sanitizeId(n.id) : slugify(n.name) || UNNAMED[n.kind] || sanitizeId(n.id);
      r.stepId = this.stepIds.claim(base, 'step');
    }
  }

  /**
   * An exclusive gateway right after tasks that have no other way out ("Approved?") holds those
   * tasks' outcomes: the person chooses, no data condition does.
   */
  private isOutcomeGateway(n: FlowNode): boolean {
    if (n.kind !== 'exclusiveGateway' || n.incoming.length === 0) return false;
    return n.incoming.every((f) => {
      const source = this.model.nodes.get(f.source);
      return (
        !!source &&
        this.role(source.id).type === 'step' &&
        TASK_KINDS.has(source.kind) &&
        source.outgoing.length === 1
      );
    });
  }

  private fromTimer(n: FlowNode): boolean {
    return n.incoming.some((f) => {
      const s = this.model.nodes.get(f.source);
      return !!s && eventDefinitions(s.el).some((d) => d.local === 'timerEventDefinition');
    });
  }

  /** The step a flow into `nodeId` ends up at, passing through merges, joins and skipped elements. */
  resolve(nodeId: string, seen = new Set<string>()): string | undefined {
    if (seen.has(nodeId)) return undefined;
    seen.add(nodeId);
    const node = this.model.nodes.get(nodeId);
    if (!node) return undefined;
    const r = this.role(nodeId);
    if (r.type === 'step') return r.stepId;
    if (r.type !== 'through') return undefined;
    const handoff = this.handoffs.through.get(nodeId);
    if (handoff !== undefined) return this.resolve(handoff, seen);
    const link = this.linkTarget(node);
    if (link) return this.resolve(link.id, seen);
    if (node.outgoing.length === 0) return undefined;
    return this.resolve(node.outgoing[0]!.target, seen);
  }

  /** A link throw event continues at the link catch event of the same name. */
  private linkTarget(node: FlowNode): FlowNode | undefined {
    if (node.kind !== 'intermediateThrowEvent') return undefined;
    const def = eventDefinitions(node.el).find((d) => d.local === 'linkEventDefinition');
    if (!def) return undefined;
    const name = attr(def, 'name') ?? node.name;
    for (const other of this.model.nodes.values()) {
      if (other.kind !== 'intermediateCatchEvent') continue;
      const d = eventDefinitions(other.el).find((e) => e.local === 'linkEventDefinition');
      if (d && (attr(d, 'name') ?? other.name) === name) return other;
    }
    return undefined;
  }

  private idOf(node: FlowNode): string {
    const r = this.role(node.id);
    return r.type === 'step' ? r.stepId : node.id;
  }

  /** An end step added where BPMN leaves a flow open and portalflow needs a target. */
  addedEnd(near: string, why: string): string {
    const id = this.stepIds.claim(`${near}-end`.slice(0, 72), 'end');
    this.steps[id] = { type: 'end', title: 'End (added on import)' };
    this.warnings.push(`${why}: an end step '${id}' was added`);
    return id;
  }

  private buildStep(node: FlowNode): void {
    const r = this.role(node.id);
    if (r.type !== 'step') return;
    const id = r.stepId;
    const name =
      node.name !== undefined ? this.clipped(node.name, 200, `the name of '${node.id}'`) : undefined;
    const description = documentationOf(this.ours, node.el);
    const common = (step: Step) => {
      if (name !== undefined) step.title = name;
      if (description !== undefined)
        step.description = this.clipped(description, 4000, `the documentation of '${node.id}'`);
      return step;
    };
    if (TASK_KINDS.has(node.kind)) {
      this.steps[id] = this.task(node, name ?? node.id);
      return;
    }
    switch (node.kind) {
      case 'exclusiveGateway':
      case 'inclusiveGateway':
      case 'complexGateway':
        this.steps[id] = common(decision(this, node));
        return;
      case 'parallelGateway':
        this.steps[id] = common(fork(this, node, id));
        return;
      case 'eventBasedGateway':
        this.steps[id] = common(waitGateway(this, node, id));
        return;
      case 'intermediateCatchEvent':
        this.steps[id] = common(waitEvent(this, node, id));
        return;
      case 'endEvent': {
        const end: Step = { type: 'end' };
        const pf = pfExtension(node.el, 'end');
        const outcome = pf ? attr(pf, 'outcome') : undefined;
        if (outcome !== undefined) end.outcome = clip(outcome, 80);
        this.steps[id] = common(end);
        return;
      }
    }
  }

  private task(node: FlowNode, title: string): TaskStep {
    const pf = pfExtension(node.el, 'task');
    const task: TaskStep = { type: 'task', title, outcomes: {} };
    const role = pf ? attr(pf, 'role') : this.roleOf(node);
    if (role !== undefined) task.role = role;
    const help = documentationOf(this.ours, node.el);
    if (help !== undefined) task.help = this.clipped(help, 8000, `the documentation of '${node.id}'`);
    if (pf) {
      const description = childOf(pf, NS.portalflow, 'description');
      if (description) task.description = clip(description.text, 4000);
      const priority = attr(pf, 'priority');
      if (priority !== undefined && PRIORITIES.has(priority))
        task.priority = priority as TaskStep['priority'];
      const form = childrenOf(pf, NS.portalflow, 'field')
        .map(fieldOf)
        .filter((f) => f !== undefined);
      if (form.length > 0) task.form = form.slice(0, 50);
    } else {
      const form = camundaForm(node.el);
      if (form.length > 0) task.form = form.slice(0, 50);
    }
    // Outcomes: the flows out of the task, or out of the gateway right after it.
    let flows = node.outgoing;
    if (flows.length === 1 && this.role(flows[0]!.target).type === 'outcomes')
      flows = this.model.nodes.get(flows[0]!.target)!.outgoing;
    else if (flows.length > 1)
      this.warnings.push(
        `several flows leave task '${title}' without a gateway: they were imported as its outcomes`,
      );
    flows = [...flows, ...(this.handoffs.extraOutcomes.get(node.id) ?? [])];
    const names = new IdPool();
    for (const f of flows) {
      const to = this.resolve(f.target);
      const target = this.model.nodes.get(f.target);
      const pfOutcome = pfExtension(f.el, 'outcome');
      const outcome = names.claim(
        (pfOutcome ? attr(pfOutcome, 'name') : undefined) ||
          asId(f.name, this.ours) ||
          slugify(target?.name) ||
          '',
        flows.length === 1 ? 'done' : 'outcome',
      );
      if (to === undefined) {
        this.warnings.push(
          `outcome '${outcome}' of task '${title}' leads to nothing that was imported: it was left out`,
        );
        continue;
      }
      task.outcomes[outcome] = to;
    }
    const deadline = taskDeadline(this, node);
    if (deadline) task.deadline = deadline;
    return task;
  }

  /**
   * The start: the flow out of the (first plain) start event. In a collaboration, start events
   * entered from another pool are handoffs; of the others, the first pool's that leads to a step
   * is the start, and several pools starting on their own is reported.
   */
  private findStart(): string {
    const starts = [...this.model.nodes.values()].filter(
      (n) => n.kind === 'startEvent' && !this.handoffs.entries.has(n.id),
    );
    const leads = (s: FlowNode) => !!s.outgoing[0] && this.resolve(s.outgoing[0].target) !== undefined;
    const pick = (list: FlowNode[]) => list.find((s) => eventDefinitions(s.el).length === 0) ?? list[0];
    const leading = starts.filter(leads);
    const chosen =
      leading.length > 0 ? pick(leading.filter((s) => s.pool === leading[0]!.pool)) : pick(starts);
    const poolName = (s: FlowNode) => {
      const pool = this.pools.pools[s.pool]!;
      return `'${pool.name ?? pool.id}'`;
    };
    const otherPools = [...new Set(leading.filter((s) => s.pool !== chosen?.pool).map(poolName))];
    if (chosen && otherPools.length > 0)
      this.warnings.push(
        `pools ${[poolName(chosen), ...otherPools].join(', ')} each start on their own (no message starts them): the workflow starts in ${poolName(chosen)}`,
      );
    for (const s of starts) {
      if (s === chosen) continue;
      this.skip(
        s,
        chosen && s.pool !== chosen.pool
          ? `only one start event is imported: the workflow starts in ${poolName(chosen)}`
          : 'only one start event is imported',
      );
    }
    if (chosen && eventDefinitions(chosen.el).length > 0)
      this.warnings.push(
        `start event '${chosen.name ?? chosen.id}' is triggered by an event: it was imported as a plain start`,
      );
    const viaStart = chosen?.outgoing[0] ? this.resolve(chosen.outgoing[0].target) : undefined;
    if (viaStart !== undefined) return viaStart;
    const ids = Object.keys(this.steps);
    const firstFree = [...this.model.nodes.values()].find(
      (n) => this.role(n.id).type === 'step' && n.incoming.length === 0,
    );
    const fallback = firstFree ? this.idOf(firstFree) : ids[0];
    if (fallback !== undefined) {
      this.warnings.push(`no start event leads to a step: '${fallback}' is the start`);
      return fallback;
    }
    return 'start';
  }
}
