import { UNASSIGNED_LANE } from '@portalflow/diagram';
import type { Definition, FormField, TaskStep } from '@portalflow/engine';
import { EXPORTER, NS } from '../namespaces.ts';
import { type Attrs, XmlWriter } from '../xml/write.ts';
import { POOL_HEADER, round } from './geometry.ts';
import { bpmnId, type Plan, type PlannedFlow, type PlannedNode, plan } from './plan.ts';
import type { PoolMode } from './pools.ts';

export interface ExportOptions {
  /**
   * `single` (default): one pool, a lane per role. `department`: one pool per department, arrows
   * between departments as message flows (one pool when there is only one department).
   */
  pools?: PoolMode;
}

/** Lane ids; the lane of tasks without a declared role has an id no role can have. */
export const laneId = (role: string) => (role === UNASSIGNED_LANE ? 'lanes.unassigned' : `lane.${role}`);

/**
 * Writes a definition as a BPMN 2.0 file: one pool (or one per department), one lane per role,
 * user tasks, gateways and events, portalflow's details under its own namespace, and a diagram
 * (BPMNDI) from the stored layout, or a simple lane/rank layout when there is none. Edges to
 * steps that do not exist (a draft still being drawn) are left out.
 */
export function toBpmn(definition: Definition, layout?: unknown, options: ExportOptions = {}): string {
  const p = plan(definition, layout, options.pools);
  const multi = p.pools.length > 1;
  const w = new XmlWriter();
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const f of p.flows) {
    (outgoing.get(f.source) ?? outgoing.set(f.source, []).get(f.source)!).push(f.id);
    (incoming.get(f.target) ?? incoming.set(f.target, []).get(f.target)!).push(f.id);
  }
  const signals = new Set<string>();
  const escalations = new Set<string>();
  for (const n of p.nodes) {
    if ((n.detail.type === 'wait' || n.detail.type === 'catch') && n.detail.signal !== undefined)
      signals.add(n.detail.signal);
    if (n.detail.type === 'escalation') escalations.add(n.detail.role);
  }

  w.element(
    'bpmn:definitions',
    {
      'xmlns:bpmn': NS.model,
      'xmlns:bpmndi': NS.bpmndi,
      'xmlns:dc': NS.dc,
      'xmlns:di': NS.di,
      'xmlns:xsi': NS.xsi,
      'xmlns:pf': NS.portalflow,
      'xmlns:color': NS.color,
      id: 'definitions',
      targetNamespace: `https://portalflow.dev/workflows/${definition.id}`,
      exporter: EXPORTER,
      exporterVersion: '1.0',
    },
    () => {
      const workflow = () => {
        documentation(w, definition.description);
        extension(w, () => writeWorkflowExtension(w, definition));
      };
      // With several pools the workflow's own details sit on the collaboration.
      w.element(
        'bpmn:collaboration',
        multi ? { id: 'collaboration', name: definition.title } : { id: 'collaboration' },
        () => {
          if (multi) workflow();
          for (const pool of p.pools)
            w.empty('bpmn:participant', { id: pool.id, name: pool.name, processRef: pool.process });
          for (const m of p.messageFlows)
            w.empty('bpmn:messageFlow', { id: m.id, sourceRef: m.source, targetRef: m.target });
        },
      );
      const poolOfLane = new Map(p.lanes.map((l) => [l.role, l.pool]));
      const poolOf = new Map(p.nodes.map((n) => [n.id, poolOfLane.get(n.role) ?? 0]));
      p.pools.forEach((pool, i) => {
        w.element('bpmn:process', { id: pool.process, name: pool.name, isExecutable: true }, () => {
          if (!multi) workflow();
          writeLanes(w, definition, p, i);
          for (const n of p.nodes)
            if (poolOf.get(n.id) === i) writeNode(w, definition, n, incoming.get(n.id), outgoing.get(n.id));
          for (const f of p.flows) if (poolOf.get(f.source) === i) writeFlow(w, f);
        });
      });
      for (const s of signals) w.empty('bpmn:message', { id: `message.${s}`, name: s });
      for (const r of escalations)
        w.empty('bpmn:escalation', { id: `escalation.${r}`, name: r, escalationCode: r });
      writeDiagram(w, p);
    },
  );
  return w.toString();
}

function documentation(w: XmlWriter, text: string | undefined): void {
  if (text !== undefined) w.text('bpmn:documentation', {}, text);
}

/** The role that may end a wait early (`pf:wait endEarlyBy`): BPMN has no word for it. */
const endEarlyBy = (step: Definition['steps'][string] | undefined): string | undefined =>
  step?.type === 'wait' ? step.endEarlyBy : undefined;

function extension(w: XmlWriter, body: () => void): void {
  w.element('bpmn:extensionElements', {}, body);
}

function writeLanes(w: XmlWriter, definition: Definition, p: Plan, pool: number): void {
  const members = new Map<string, string[]>();
  for (const n of p.nodes) {
    if (n.kind === 'boundaryEvent') continue;
    (members.get(n.role) ?? members.set(n.role, []).get(n.role)!).push(n.id);
  }
  const multi = p.pools.length > 1;
  const inPool = new Set(p.lanes.filter((l) => l.pool === pool).map((l) => l.role));
  const hasUnassigned = inPool.has(UNASSIGNED_LANE);
  w.element('bpmn:laneSet', { id: multi ? `laneSet.${pool + 1}` : 'laneSet' }, () => {
    // Document order is the role order of the definition; the diagram keeps the lane order.
    // Pools split the roles up, so each role then carries its place in the definition.
    definition.roles.forEach((role, order) => {
      if (!inPool.has(role.id)) return;
      w.element('bpmn:lane', { id: laneId(role.id), name: role.name }, () => {
        extension(w, () =>
          w.empty('pf:role', {
            id: role.id,
            department: role.department,
            description: role.description,
            order: multi ? order : undefined,
          }),
        );
        for (const id of members.get(role.id) ?? []) w.text('bpmn:flowNodeRef', {}, id);
      });
    });
    if (hasUnassigned) {
      w.element('bpmn:lane', { id: laneId(UNASSIGNED_LANE), name: 'No role' }, () => {
        extension(w, () => w.empty('pf:unassigned'));
        for (const id of members.get(UNASSIGNED_LANE) ?? []) w.text('bpmn:flowNodeRef', {}, id);
      });
    }
  });
}

function writeNode(
  w: XmlWriter,
  definition: Definition,
  n: PlannedNode,
  incoming: string[] = [],
  outgoing: string[] = [],
): void {
  const step = n.step !== undefined ? definition.steps[n.step] : undefined;
  const own = n.step !== undefined && n.id === bpmnId(n.step);
  const attrs: Attrs = { id: n.id, name: n.name };
  const links = () => {
    for (const f of incoming) w.text('bpmn:incoming', {}, f);
    for (const f of outgoing) w.text('bpmn:outgoing', {}, f);
  };
  const d = n.detail;
  switch (d.type) {
    case 'task': {
      const task = step as TaskStep;
      w.element(`bpmn:${n.kind}`, attrs, () => {
        documentation(w, task.help);
        extension(w, () => writeTaskExtension(w, task));
        links();
      });
      return;
    }
    case 'decision':
    case 'fork':
    case 'join':
    case 'outcomes':
    case 'waitGateway': {
      if (d.type === 'decision' && d.defaultFlow) attrs.default = d.defaultFlow;
      attrs.gatewayDirection = d.type === 'join' ? 'Converging' : 'Diverging';
      w.element(`bpmn:${n.kind}`, attrs, () => {
        if (own) documentation(w, step?.description);
        extension(w, () => {
          if (d.type === 'join') w.empty('pf:join', { fork: d.fork });
          else if (d.type === 'outcomes') w.empty('pf:outcomes', { task: n.step });
          else if (d.type === 'waitGateway') w.empty('pf:wait', { endEarlyBy: endEarlyBy(step) });
          else w.empty(`pf:${d.type}`);
        });
        links();
      });
      return;
    }
    case 'wait':
    case 'catch':
      w.element('bpmn:intermediateCatchEvent', attrs, () => {
        if (own) documentation(w, step?.description);
        if (d.type === 'wait') extension(w, () => w.empty('pf:wait', { endEarlyBy: endEarlyBy(step) }));
        else if (d.signal === undefined && d.for === undefined) extension(w, () => w.empty('pf:next'));
        links();
        if (d.signal !== undefined)
          w.empty('bpmn:messageEventDefinition', { messageRef: `message.${d.signal}` });
        if (d.for !== undefined) timer(w, d.for);
      });
      return;
    case 'deadline':
      if (d.attachedTo !== undefined) {
        attrs.attachedToRef = d.attachedTo;
        attrs.cancelActivity = d.deadline.goTo !== undefined;
      }
      w.element(
        d.attachedTo !== undefined ? 'bpmn:boundaryEvent' : 'bpmn:intermediateCatchEvent',
        attrs,
        () => {
          extension(w, () =>
            w.empty('pf:deadline', { calendar: d.deadline.calendar, warnBefore: d.deadline.warnBefore }),
          );
          links();
          timer(w, d.deadline.after);
        },
      );
      return;
    case 'escalation':
      w.element('bpmn:endEvent', attrs, () => {
        extension(w, () => w.empty('pf:escalation', { role: d.role }));
        links();
        w.empty('bpmn:escalationEventDefinition', { escalationRef: `escalation.${d.role}` });
      });
      return;
    case 'start':
      w.element('bpmn:startEvent', attrs, links);
      return;
    case 'entry':
      w.element('bpmn:startEvent', attrs, () => {
        links();
        w.empty('bpmn:messageEventDefinition', {});
      });
      return;
    case 'handoff':
      w.element('bpmn:endEvent', attrs, () => {
        links();
        w.empty('bpmn:messageEventDefinition', {});
      });
      return;
    case 'end': {
      const outcome = step?.type === 'end' ? step.outcome : undefined;
      w.element('bpmn:endEvent', attrs, () => {
        documentation(w, step?.description);
        if (outcome !== undefined) extension(w, () => w.empty('pf:end', { outcome }));
        links();
      });
      return;
    }
  }
}

function timer(w: XmlWriter, duration: string): void {
  w.element('bpmn:timerEventDefinition', {}, () =>
    w.text('bpmn:timeDuration', { 'xsi:type': 'bpmn:tFormalExpression' }, duration),
  );
}

function writeTaskExtension(w: XmlWriter, task: TaskStep): void {
  w.element('pf:task', { role: task.role, priority: task.priority }, () => {
    if (task.description !== undefined) w.text('pf:description', {}, task.description);
    for (const field of task.form ?? []) writeField(w, field);
  });
}

/** The workflow's id and schema, and its start (who may start it, the start form) and subject template. */
function writeWorkflowExtension(w: XmlWriter, definition: Definition): void {
  const attrs = { id: definition.id, schema: definition.$schema };
  const { intake, subject } = definition;
  if (!intake && subject === undefined) {
    w.empty('pf:workflow', attrs);
    return;
  }
  w.element('pf:workflow', attrs, () => {
    if (subject !== undefined) w.text('pf:subject', {}, subject);
    if (!intake) return;
    w.element('pf:intake', {}, () => {
      for (const role of intake.roles) w.empty('pf:starter', { role });
      // A start form, even an empty one, is written as such so it reads back the same.
      if (intake.form)
        w.element('pf:form', {}, () => {
          for (const field of intake.form ?? []) writeField(w, field);
        });
      // How messages from other systems fill the start form: field → JSON pointer, and FHIR's category.
      if (intake.webhook) {
        const { fields } = intake.webhook;
        w.element('pf:webhook', {}, () => {
          for (const [field, pointer] of Object.entries(fields)) w.empty('pf:map', { field, pointer });
        });
      }
      if (intake.fhir) {
        const { category, fields } = intake.fhir;
        w.element('pf:fhir', { categorySystem: category.system, categoryCode: category.code }, () => {
          for (const [field, pointer] of Object.entries(fields)) w.empty('pf:map', { field, pointer });
        });
      }
    });
  });
}

function writeField(w: XmlWriter, field: FormField): void {
  const attrs: Attrs = {
    id: field.id,
    label: field.label,
    type: field.type,
    required: field.required,
    requiredFor: field.requiredFor?.join(' '),
    ownership: field.ownership,
    from: field.from,
    min: field.min,
    max: field.max,
    money: field.money,
    whole: field.whole,
    patternHint: field.patternHint,
    dateRange: field.dateRange,
    monthsSince: field.computed?.monthsSince,
  };
  // A pattern is an element, not an attribute: regular expressions are full of characters that
  // attribute normalisation and hand-editing get wrong.
  if (field.options === undefined && field.help === undefined && field.pattern === undefined) {
    w.empty('pf:field', attrs);
    return;
  }
  w.element('pf:field', attrs, () => {
    if (field.help !== undefined) w.text('pf:help', {}, field.help);
    if (field.pattern !== undefined) w.text('pf:pattern', {}, field.pattern);
    for (const option of field.options ?? []) w.text('pf:option', {}, option);
    // An empty options list is still a list: say so, or it would read back as none.
    if (field.options?.length === 0) w.empty('pf:options');
  });
}

function writeFlow(w: XmlWriter, f: PlannedFlow): void {
  const attrs = { id: f.id, sourceRef: f.source, targetRef: f.target, name: f.name };
  if (f.outcome === undefined && f.condition === undefined) {
    w.empty('bpmn:sequenceFlow', attrs);
    return;
  }
  w.element('bpmn:sequenceFlow', attrs, () => {
    if (f.outcome !== undefined) extension(w, () => w.empty('pf:outcome', { name: f.outcome }));
    if (f.condition !== undefined)
      w.text('bpmn:conditionExpression', { 'xsi:type': 'bpmn:tFormalExpression' }, f.condition);
  });
}

function writeDiagram(w: XmlWriter, p: Plan): void {
  const bounds = (b: { x: number; y: number; width: number; height: number }) =>
    w.empty('dc:Bounds', { x: round(b.x), y: round(b.y), width: round(b.width), height: round(b.height) });
  const byId = new Map(p.nodes.map((n) => [n.id, n.bounds]));
  const bottom = p.height;
  w.element('bpmndi:BPMNDiagram', { id: 'diagram' }, () => {
    w.element('bpmndi:BPMNPlane', { id: 'plane', bpmnElement: 'collaboration' }, () => {
      for (const pool of p.pools)
        w.element('bpmndi:BPMNShape', { id: `${pool.id}.di`, bpmnElement: pool.id, isHorizontal: true }, () =>
          bounds({ x: 0, y: pool.y, width: p.width, height: pool.height }),
        );
      for (const lane of p.lanes) {
        const attrs: Attrs = {
          id: `${laneId(lane.role)}.di`,
          bpmnElement: laneId(lane.role),
          isHorizontal: true,
        };
        if (lane.color) attrs['color:background-color'] = lane.color;
        w.element('bpmndi:BPMNShape', attrs, () =>
          bounds({ x: POOL_HEADER, y: lane.y, width: p.width - POOL_HEADER, height: lane.height }),
        );
      }
      for (const n of p.nodes) {
        const attrs: Attrs = { id: `${n.id}.di`, bpmnElement: n.id };
        if (n.kind === 'exclusiveGateway') attrs.isMarkerVisible = true;
        w.element('bpmndi:BPMNShape', attrs, () => bounds(n.bounds));
      }
      for (const f of p.flows) {
        const s = byId.get(f.source);
        const t = byId.get(f.target);
        if (!s || !t) continue;
        w.element('bpmndi:BPMNEdge', { id: `${f.id}.di`, bpmnElement: f.id }, () => {
          for (const [x, y] of waypoints(s, t, bottom)) w.empty('di:waypoint', { x: round(x), y: round(y) });
        });
      }
      for (const m of p.messageFlows) {
        const s = byId.get(m.source)!;
        const t = byId.get(m.target)!;
        w.element('bpmndi:BPMNEdge', { id: `${m.id}.di`, bpmnElement: m.id }, () => {
          for (const [x, y] of messageWaypoints(s, t)) w.empty('di:waypoint', { x: round(x), y: round(y) });
        });
      }
    });
  });
}

type Box = { x: number; y: number; width: number; height: number };

/** A message flow runs up or down between pools: out of one event's edge, into the other's. */
function messageWaypoints(s: Box, t: Box): Array<[number, number]> {
  const sx = s.x + s.width / 2;
  const tx = t.x + t.width / 2;
  const down = t.y > s.y;
  const sy = down ? s.y + s.height : s.y;
  const ty = down ? t.y : t.y + t.height;
  const my = (sy + ty) / 2;
  return [
    [sx, sy],
    [sx, my],
    [tx, my],
    [tx, ty],
  ];
}

/** Right side to left side with one elbow; an edge going back runs below both shapes. */
function waypoints(s: Box, t: Box, bottom: number): Array<[number, number]> {
  const sy = s.y + s.height / 2;
  const ty = t.y + t.height / 2;
  const sx = s.x + s.width;
  const tx = t.x;
  if (tx >= sx) {
    if (Math.abs(sy - ty) < 1)
      return [
        [sx, sy],
        [tx, ty],
      ];
    const mx = (sx + tx) / 2;
    return [
      [sx, sy],
      [mx, sy],
      [mx, ty],
      [tx, ty],
    ];
  }
  const below = Math.min(bottom - 4, Math.max(s.y + s.height, t.y + t.height) + 16);
  const scx = s.x + s.width / 2;
  const tcx = t.x + t.width / 2;
  return [
    [scx, s.y + s.height],
    [scx, below],
    [tcx, below],
    [tcx, t.y + t.height],
  ];
}
