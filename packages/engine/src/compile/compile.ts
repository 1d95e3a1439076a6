import { type AnyActorScope, type AnyStateMachine, createActor } from 'xstate';
import type { Definition } from '../definition.ts';
import { PortalflowError } from '../errors.ts';
import { hasErrors, lint } from '../lint/index.ts';
import { compileMachine, type MachineClock } from './machine.ts';
import type { Targetless } from './targetless.ts';

export interface CompiledWorkflow {
  definition: Definition;
  machine: AnyStateMachine;
  /**
   * One inert actor scope reused for every transition of this machine. XState's `transition()`
   * builds a fresh actor (and computes an initial state) on each call, which costs more than the
   * step itself; the machine spawns no actors, so one scope serves every call.
   */
  scope: AnyActorScope;
  /** The time of the event being applied; see `MachineClock`. */
  clock: MachineClock;
  /** The machine's targetless transitions, which replay applies without a macrostep. */
  targetless: Targetless;
}

function inertScope(machine: AnyStateMachine): AnyActorScope {
  const self = createActor(machine);
  return {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: () => {},
  } as unknown as AnyActorScope;
}

const cache = new WeakMap<Definition, CompiledWorkflow>();

/** Rules whose errors block publishing but not running versions published before them. */
const PUBLISH_ONLY = {
  'unreachable-step': 'warning',
  'condition-not-a-choice': 'warning',
  'condition-unknown-field': 'warning',
  'branch-never-taken': 'warning',
  // Two steps saving one answer, or placeholder words: a version may have been published with them.
  'field-written-by-two-steps': 'warning',
  'placeholder-text': 'warning',
  // A title on several lines: versions published before the rule keep running.
  'title-on-several-lines': 'warning',
} as const;

/**
 * Lints and compiles a definition once; later calls with the same object reuse the machine.
 * Definitions are treated as immutable: edit a copy, not the compiled object.
 */
export function compile(definition: Definition): CompiledWorkflow {
  const hit = cache.get(definition);
  if (hit) return hit;
  // A step nobody can reach blocks publishing, not running: versions published while it was a
  // warning must keep their instances moving, and the machine never enters such a step anyway. The
  // same for conditions that can never hold: the instance still takes a way (the otherwise).
  const findings = lint(definition, { severity: PUBLISH_ONLY });
  if (hasErrors(findings)) {
    const errors = findings.filter((f) => f.severity === 'error');
    throw new PortalflowError(
      'DEFINITION_HAS_ERRORS',
      `Workflow '${definition.id}' has ${errors.length} lint error(s); first: ${errors[0]?.path}: ${errors[0]?.message}`,
      { findings: errors },
    );
  }
  const clock: MachineClock = { now: '' };
  const { machine, targetless } = compileMachine(definition, clock);
  const compiled = { definition, machine, scope: inertScope(machine), clock, targetless };
  cache.set(definition, compiled);
  return compiled;
}
