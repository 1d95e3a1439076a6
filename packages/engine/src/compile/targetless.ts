import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode } from 'xstate';
import type { InstanceContext } from '../snapshot.ts';

/** A context update behind one of the compiled machine's actions: (context, event, params) → changed fields. */
export type ContextUpdate = (
  context: InstanceContext,
  event: unknown,
  params: unknown,
) => Partial<InstanceContext>;

/** An action as written in the machine's config: a name, or a name with params. */
export type ActionRef = string | { type: string; params?: unknown };

interface Entry {
  /** The state node whose transition this is; it must be active. */
  node: AnyStateNode;
  /** The context updates, in order; `edge` (an effect only) is left out. */
  updates: Array<{ update: ContextUpdate; params: unknown }>;
}

/**
 * The machine's targetless transitions — a reassignment, an outcome or deadline that leads a step
 * back to itself, an escalation — applied without an XState macrostep. Such a transition enters
 * and leaves no state, raises nothing and only assigns context, and no state the instance can rest
 * in has an eventless transition (every decision has an `otherwise`, or the workflow does not
 * compile), so its XState result is exactly the snapshot with each `assign` folded into the
 * context (`{ ...context, ...update }`, as XState's `assign` does). Replay applies most of its
 * events this way; anything else, or a transition whose state is not active, goes to XState.
 */
export class Targetless {
  constructor(private readonly entries: ReadonlyMap<string, Entry>) {}

  /**
   * The next machine snapshot for `event`, or undefined when XState must take it. Effects are not
   * collected: this is for replay without effects. An update that throws is left to XState too,
   * which reports it as it always does.
   */
  apply(current: AnyMachineSnapshot, event: { type: string }): AnyMachineSnapshot | undefined {
    const entry = this.entries.get(event.type);
    if (entry === undefined || current.status !== 'active') return undefined;
    if (entry.node.parent !== undefined && !(current._nodes as AnyStateNode[]).includes(entry.node))
      return undefined;
    let context = current.context as InstanceContext;
    try {
      for (const { update, params } of entry.updates)
        context = { ...context, ...update(context, event, params) };
    } catch {
      return undefined;
    }
    // What XState's cloneMachineSnapshot does, minus recomputing the value and tags of unchanged nodes.
    return { ...current, context } as AnyMachineSnapshot;
  }
}

/** Resolves the state nodes and updates of the targetless transitions `compileMachine` noted. */
export function targetlessTable(
  machine: AnyStateMachine,
  noted: ReadonlyMap<string, { keys: string[]; actions: ActionRef[] }>,
  updates: Readonly<Record<string, ContextUpdate>>,
): Targetless {
  const entries = new Map<string, Entry>();
  next: for (const [type, { keys, actions }] of noted) {
    let node: AnyStateNode | undefined = machine.root;
    for (const key of keys) node = node?.states[key];
    if (node === undefined) continue;
    const resolved: Entry['updates'] = [];
    for (const action of actions) {
      const name = typeof action === 'string' ? action : action.type;
      if (name === 'edge') continue;
      const update = updates[name];
      if (update === undefined) continue next; // an action this table does not know: XState takes it
      resolved.push({ update, params: typeof action === 'string' ? undefined : action.params });
    }
    entries.set(type, { node, updates: resolved });
  }
  return new Targetless(entries);
}
