import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile/compile.ts';
import type { Definition, Step } from '../src/definition.ts';
import { createLintContext, type Finding, hasErrors, lint, lintRules } from '../src/lint/index.ts';

const ROLES = [
  { id: 'front-desk', name: 'Front desk' },
  { id: 'nurse', name: 'Triage nurse' },
  { id: 'provider', name: 'Provider' },
];

function task(
  role: string,
  outcomes: Record<string, string>,
  title = `Task ${Object.values(outcomes).join(' ')}`,
): Step {
  return { type: 'task', role, title, outcomes, help: 'See the clinic checklist.' };
}

/** A definition from steps alone; the first step is the start. */
function workflow(steps: Record<string, Step>, extra: Partial<Definition> = {}): Definition {
  return { id: 'wf', title: 'Workflow', roles: ROLES, start: Object.keys(steps)[0]!, steps, ...extra };
}

const END: Step = { type: 'end' };

const only = (findings: Finding[], rule: string) =>
  findings.filter((f) => f.rule === rule).map((f) => f.path);

/** The example of docs/format.md. */
const TRIAGE: Definition = {
  id: 'portal-message-triage',
  title: 'Patient portal message triage',
  roles: [
    { id: 'front-desk', name: 'Front desk', department: 'Front office' },
    { id: 'nurse', name: 'Triage nurse', department: 'Nursing' },
    { id: 'provider', name: 'Provider', department: 'Clinical' },
    { id: 'supervisor', name: 'Front office supervisor', department: 'Front office' },
  ],
  start: 'classify',
  steps: {
    classify: {
      type: 'task',
      role: 'front-desk',
      title: 'Classify the message',
      outcomes: { clinical: 'is-urgent', admin: 'admin-reply', spam: 'closed' },
      deadline: { after: 'PT4H', escalateTo: 'supervisor' },
      help: 'Clinical: symptoms, medications, results. Admin: scheduling, billing, forms.',
      form: [{ id: 'urgent', label: 'Mentions urgent symptoms', type: 'boolean' }],
    },
    'is-urgent': {
      type: 'decision',
      branches: [{ when: 'data.urgent == true', to: 'call-patient' }],
      otherwise: 'nurse-review',
    },
    'call-patient': {
      type: 'task',
      role: 'nurse',
      title: 'Call the patient today',
      outcomes: { reached: 'closed', 'needs-provider': 'provider-review' },
      deadline: { after: 'PT1H', escalateTo: 'provider' },
    },
    'nurse-review': {
      type: 'task',
      role: 'nurse',
      title: 'Answer or route to provider',
      outcomes: { answered: 'closed', 'needs-provider': 'provider-review' },
    },
    'provider-review': {
      type: 'task',
      role: 'provider',
      title: 'Provider reply',
      outcomes: { replied: 'closed' },
      deadline: { after: 'P2D', escalateTo: 'nurse' },
    },
    'admin-reply': {
      type: 'task',
      role: 'front-desk',
      title: 'Reply to admin request',
      outcomes: { replied: 'closed' },
    },
    closed: { type: 'end', outcome: 'resolved' },
  },
};

describe('lint', () => {
  it('finds only missing help in the example of docs/format.md', () => {
    const findings = lint(TRIAGE);
    expect(hasErrors(findings)).toBe(false);
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.path}`)).toEqual([
      'info missing-help steps.admin-reply',
      'info missing-help steps.call-patient',
      'info missing-help steps.nurse-review',
      'info missing-help steps.provider-review',
    ]);
  });

  it('sorts errors first, then warnings, then info, each a cause before its consequences, then by path', () => {
    const findings = lint(
      workflow({
        intake: {
          type: 'task',
          role: 'front-desk',
          title: 'Intake',
          outcomes: { next: 'triage', lost: 'nowhere' },
        },
        triage: { type: 'task', title: 'Triage', outcomes: { done: 'end' } },
        orphan: task('nurse', { done: 'end' }),
        end: { type: 'end' },
      }),
    );
    const rank = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < findings.length; i++) {
      const a = findings[i - 1]!;
      const b = findings[i]!;
      // Within a severity, a likely cause (a dead end, an arrow to nowhere) first and what is often
      // only its consequence (a loop that never ends, a step cut off) last; otherwise by path.
      const later = (f: typeof a) =>
        ({ 'unknown-target': -1, 'dead-end': -1, 'cycle-without-exit': 1, 'unreachable-step': 2 })[f.rule] ??
        0;
      const sameTier = a.severity === b.severity && later(a) === later(b);
      expect(
        rank[a.severity] < rank[b.severity] ||
          (a.severity === b.severity && later(a) < later(b)) ||
          (sameTier && a.path <= b.path),
      ).toBe(true);
    }
    expect(findings.map((f) => f.severity)).toEqual(['error', 'error', 'error', 'warning', 'info', 'info']);
  });

  it('turns rules off and overrides severities', () => {
    const def = workflow({
      a: {
        type: 'task',
        role: 'nurse',
        title: 'A',
        outcomes: { done: 'z' },
        deadline: { after: 'PT1H', escalateTo: 'nurse', goTo: 'z' },
      },
      z: { type: 'end' },
    });
    expect(only(lint(def), 'deadline-without-escalation')).toEqual(['steps.a.deadline']);
    expect(lint(def).find((f) => f.rule === 'deadline-without-escalation')?.severity).toBe('error');
    expect(
      only(lint(def, { severity: { 'deadline-without-escalation': 'off' } }), 'deadline-without-escalation'),
    ).toEqual([]);
    const downgraded = lint(def, {
      severity: { 'deadline-without-escalation': 'info', 'missing-help': 'off' },
    });
    expect(downgraded.map((f) => `${f.severity} ${f.rule}`)).toContain('info deadline-without-escalation');
    expect(only(downgraded, 'missing-help')).toEqual([]);
  });

  it('runs only the rules it is given', () => {
    const rule = lintRules.find((r) => r.id === 'task-without-role')!;
    const findings = lint(workflow({ a: { type: 'task', title: 'A', outcomes: {} } }), { rules: [rule] });
    expect(findings).toEqual([
      {
        rule: 'task-without-role',
        severity: 'error',
        path: 'steps.a',
        step: 'a',
        message: expect.stringContaining('“A”'),
      },
    ]);
  });

  it('hasErrors looks only at errors', () => {
    const base = { rule: 'r', message: 'm', path: 'p' };
    expect(hasErrors([])).toBe(false);
    expect(
      hasErrors([
        { ...base, severity: 'warning' },
        { ...base, severity: 'info' },
      ]),
    ).toBe(false);
    expect(
      hasErrors([
        { ...base, severity: 'info' },
        { ...base, severity: 'error' },
      ]),
    ).toBe(true);
  });

  it('does not change the definition', () => {
    const copy = structuredClone(TRIAGE);
    lint(copy);
    expect(copy).toEqual(TRIAGE);
  });

  it('treats step ids like "constructor" as ordinary ids', () => {
    const def = workflow({ constructor: task('nurse', { done: 'toString' }), toString: END });
    expect(hasErrors(lint(def))).toBe(false);
    expect(only(lint(workflow({ a: task('nurse', { done: 'hasOwnProperty' }) })), 'unknown-target')).toEqual([
      'steps.a.outcomes.done',
    ]);
  });
});

describe('unknown-target', () => {
  it('reports a start that names no step, once, without flagging every step unreachable', () => {
    const findings = lint(
      workflow({ a: task('nurse', { done: 'z' }), z: { type: 'end' } }, { start: 'intake' }),
    );
    expect(only(findings, 'unknown-target')).toEqual(['start']);
    expect(only(findings, 'unreachable-step')).toEqual([]);
  });

  it('follows every kind of edge', () => {
    const findings = lint(
      workflow({
        fork: { type: 'parallel', branches: ['a', 'ghost-branch'], join: 'ghost-join' },
        a: {
          type: 'task',
          role: 'nurse',
          title: 'A',
          outcomes: { done: 'ghost-join' },
          deadline: { after: 'P1D', goTo: 'ghost-goto' },
        },
        w: { type: 'wait', signal: 's', next: 'ghost-next' },
        d: {
          type: 'decision',
          branches: [{ when: 'data.x == 1', to: 'ghost-to' }],
          otherwise: 'ghost-otherwise',
        },
      }),
    );
    const unknown = findings.filter((f) => f.rule === 'unknown-target');
    expect(unknown.map((f) => f.path).sort()).toEqual([
      'steps.a.deadline.goTo',
      'steps.a.outcomes.done',
      'steps.d.branches.0.to',
      'steps.d.otherwise',
      'steps.fork.branches.1',
      'steps.fork.join',
      'steps.w.next',
    ]);
    expect(unknown.find((f) => f.path === 'steps.w.next')?.edge).toEqual({
      from: 'w',
      to: 'ghost-next',
      label: 's',
    });
  });
});

describe('unreachable-step', () => {
  it('is an error: a step nobody can reach blocks publishing', () => {
    const def = workflow({
      classify: task('front-desk', { done: 'closed' }),
      'old-intake': task('front-desk', { done: 'closed' }, 'Old intake'),
      closed: END,
    });
    const findings = lint(def).filter((f) => f.rule === 'unreachable-step');
    expect(findings.map((f) => `${f.severity} ${f.path}`)).toEqual(['error steps.old-intake']);
    expect(hasErrors(lint(def))).toBe(true);
  });

  it('does not stop a published version from running: compile still builds its machine', () => {
    // Versions published while this was a warning keep their instances moving.
    const def = workflow({
      classify: task('front-desk', { done: 'closed' }),
      'old-intake': task('front-desk', { done: 'closed' }, 'Old intake'),
      closed: END,
    });
    expect(compile(def).machine).toBeDefined();
    const broken = workflow({ classify: task('front-desk', { done: 'nowhere' }), closed: END });
    expect(() => compile(broken)).toThrow(/lint error/);
  });
});

describe('cycle-without-exit', () => {
  it('reports a step that only leads back to itself', () => {
    const def = workflow({ a: task('nurse', { again: 'a' }), z: { type: 'end' } });
    expect(only(lint(def), 'cycle-without-exit')).toEqual(['steps.a']);
  });

  it('counts a deadline goTo as a way out', () => {
    const def = workflow({
      a: {
        type: 'task',
        role: 'nurse',
        title: 'A',
        outcomes: { again: 'b' },
        deadline: { after: 'P1D', goTo: 'z' },
      },
      b: task('nurse', { again: 'a' }),
      z: { type: 'end' },
    });
    expect(only(lint(def), 'cycle-without-exit')).toEqual([]);
  });

  it('reports each closed loop once, and not a loop that merely leads into one', () => {
    const def = workflow({
      a: task('nurse', { ok: 'z', loop: 'b' }),
      b: task('nurse', { back: 'a', trap: 'c' }),
      c: task('provider', { next: 'd' }),
      d: task('provider', { back: 'c' }),
      e: task('front-desk', { self: 'e' }),
      z: { type: 'end' },
    });
    expect(only(lint(def), 'cycle-without-exit')).toEqual(['steps.c', 'steps.e']);
  });

  it('handles a 20,000-step loop without overflowing the stack', () => {
    const steps: Record<string, Step> = {};
    const n = 20_000;
    for (let i = 0; i < n; i++) steps[`s${i}`] = task('nurse', { next: `s${(i + 1) % n}` }, `T${i}`);
    steps.z = { type: 'end' };
    expect(only(lint(workflow(steps)), 'cycle-without-exit')).toEqual(['steps.s0']);
  });
});

describe('parallel-branch-not-joining', () => {
  const block = (steps: Record<string, Step>): Definition =>
    workflow({
      start: task('front-desk', { go: 'fork' }),
      fork: { type: 'parallel', branches: ['a1', 'b1'], join: 'join' },
      ...steps,
      join: task('provider', { done: 'z' }),
      z: { type: 'end' },
    });

  it('accepts branches with loops, early ends and a nested parallel', () => {
    const def = block({
      a1: task('nurse', { next: 'a2', cancel: 'z' }),
      a2: task('nurse', { redo: 'a1', done: 'join' }),
      b1: { type: 'parallel', branches: ['c1', 'd1'], join: 'b2' },
      c1: task('front-desk', { done: 'b2' }),
      d1: { type: 'wait', signal: 'labs-resulted', next: 'b2', deadline: { after: 'P2D', goTo: 'b2' } },
      b2: task('provider', { done: 'join' }, 'Review labs'),
    });
    expect(lint(def).filter((f) => f.rule === 'parallel-branch-not-joining')).toEqual([]);
  });

  it('reports a fork whose join no branch reaches (join not reached from fork)', () => {
    const def = block({ a1: task('nurse', { done: 'z' }), b1: task('nurse', { done: 'z' }) });
    expect(only(lint(def), 'parallel-branch-not-joining')).toEqual([
      'steps.fork.branches.0',
      'steps.fork.branches.1',
    ]);
  });

  it('reports a branch that goes back to its own fork', () => {
    const def = block({
      a1: task('nurse', { done: 'join', again: 'fork' }),
      b1: task('nurse', { done: 'join' }),
    });
    expect(only(lint(def), 'parallel-branch-not-joining')).toEqual(['steps.a1.outcomes.again']);
  });

  it('reports a branch that leaves past the join', () => {
    const def = block({
      a1: task('nurse', { done: 'join' }),
      b1: task('nurse', { done: 'join', skip: 'after' }),
    });
    def.steps.join = task('provider', { done: 'after' });
    def.steps.after = task('provider', { done: 'z' }, 'After');
    const findings = lint(def).filter((f) => f.rule === 'parallel-branch-not-joining');
    expect(findings.map((f) => f.path)).toEqual(['steps.b1.outcomes.skip']);
    expect(findings[0]?.message).toContain('leaves branch 2 of "fork" for “After”');
  });

  it('accepts a branch step that only ends the instance', () => {
    // As in lab-release: a critical result is phoned and the instance ends, the other branch closes.
    const def = block({
      a1: task('nurse', { done: 'join' }),
      b1: task('provider', { normal: 'join', critical: 'critical-call' }),
      'critical-call': task('provider', { reached: 'z' }, 'Phone the critical value'),
    });
    expect(only(lint(def), 'parallel-branch-not-joining')).toEqual([]);
  });

  it('reports an edge from one branch into another, and branches that start at the same step', () => {
    const crossing = block({ a1: task('nurse', { done: 'join' }), b1: task('nurse', { help: 'a1' }) });
    expect(only(lint(crossing), 'parallel-branch-not-joining')).toEqual(['steps.b1.outcomes.help']);
    const into = block({ a1: task('nurse', { next: 'b1' }), b1: task('nurse', { done: 'join' }) });
    expect(only(lint(into), 'parallel-branch-not-joining')).toEqual(['steps.a1.outcomes.next']);
    const same = block({ a1: task('nurse', { done: 'join' }), b1: task('nurse', { done: 'join' }) });
    same.steps.fork = { type: 'parallel', branches: ['a1', 'a1'], join: 'join' };
    expect(only(lint(same), 'parallel-branch-not-joining')).toEqual(['steps.fork.branches.1']);
  });

  it('reports a step outside the block that jumps into a branch', () => {
    const def = block({
      a1: task('nurse', { done: 'join' }),
      b1: task('nurse', { done: 'join', more: 'b2' }),
    });
    def.steps.b2 = task('nurse', { done: 'join' }, 'B2');
    def.steps.join = task('provider', { done: 'z', redo: 'b2' });
    const findings = lint(def).filter((f) => f.rule === 'parallel-branch-not-joining');
    expect(findings.map((f) => f.path)).toEqual(['steps.b1.outcomes.more']);
    // The main flow reaches b2 first, so the branch's arrow is the one that disagrees; the message says why.
    expect(findings[0]?.message).toContain('for “B2”');
    const atStart = block({ a1: task('nurse', { done: 'join' }), b1: task('nurse', { done: 'join' }) });
    atStart.steps.start = task('front-desk', { go: 'fork', shortcut: 'b1' });
    const shortcut = lint(atStart).filter((f) => f.rule === 'parallel-branch-not-joining');
    expect(shortcut.map((f) => f.path)).toEqual(['steps.fork.branches.1']);
    expect(shortcut[0]?.message).toContain('reached from “Task fork b1”');
  });

  it('reports a nested branch leaking into its outer branch once, against the inner fork', () => {
    const def = block({
      a1: task('nurse', { done: 'join' }),
      b1: { type: 'parallel', branches: ['c1', 'd1'], join: 'b2' },
      c1: task('front-desk', { done: 'b2', skip: 'b3' }),
      d1: task('front-desk', { done: 'b2' }, 'D1'),
      b2: task('provider', { done: 'b3' }, 'B2'),
      b3: task('provider', { done: 'join' }, 'B3'),
    });
    const findings = lint(def).filter((f) => f.rule === 'parallel-branch-not-joining');
    expect(findings.map((f) => f.path)).toEqual(['steps.c1.outcomes.skip']);
    expect(findings[0]?.message).toContain('"b1"');
  });
});

describe('parallel-branch-not-joining, odd shapes', () => {
  it('reports a parallel step that joins at itself (it made the compiler recurse forever)', () => {
    const def = workflow({
      s0: { type: 'parallel', branches: ['s2'], join: 's0' },
      s2: task('nurse', { redo: 's0', done: 's3', escalate: 's4' }),
      s3: END,
      s4: { type: 'parallel', branches: ['s2'], join: 's4' },
    });
    expect(only(lint(def), 'parallel-branch-not-joining')).toEqual(['steps.s0.join', 'steps.s4.join']);
  });

  it('warns about a branch that starts at its own join', () => {
    const def = workflow({
      fork: { type: 'parallel', branches: ['a', 'join'], join: 'join' },
      a: task('nurse', { done: 'join' }),
      join: task('provider', { done: 'z' }),
      z: END,
    });
    const findings = lint(def).filter((f) => f.rule === 'parallel-branch-not-joining');
    expect(findings.map((f) => `${f.severity} ${f.path}`)).toEqual(['warning steps.fork.branches.1']);
  });
});

describe('automatic-loop', () => {
  it('reports decisions that lead back to each other', () => {
    const def = workflow({
      a: { type: 'decision', branches: [{ when: 'data.ok == true', to: 'z' }], otherwise: 'b' },
      b: { type: 'decision', branches: [{ when: 'data.retry == true', to: 'a' }], otherwise: 'z' },
      c: { type: 'decision', branches: [{ when: 'data.again == true', to: 'c' }], otherwise: 'z' },
      z: END,
    });
    expect(only(lint(def), 'automatic-loop')).toEqual(['steps.a', 'steps.c']);
  });

  it('sees through a parallel step whose branches have nothing to wait for', () => {
    const def = workflow({
      a: { type: 'decision', branches: [{ when: 'data.ok == true', to: 'z' }], otherwise: 'p' },
      p: { type: 'parallel', branches: ['a'], join: 'a' },
      z: END,
    });
    expect(only(lint(def), 'automatic-loop')).toEqual(['steps.a']);
  });

  it('accepts a loop with a task or a wait on it, and leaves a loop with no exit to cycle-without-exit', () => {
    const withTask = workflow({
      a: { type: 'decision', branches: [{ when: 'data.ok == true', to: 'z' }], otherwise: 'p' },
      p: { type: 'parallel', branches: ['t'], join: 'a' },
      t: task('nurse', { done: 'a' }),
      z: END,
    });
    expect(only(lint(withTask), 'automatic-loop')).toEqual([]);
    const closed = workflow({
      a: { type: 'decision', branches: [{ when: 'data.ok == true', to: 'b' }], otherwise: 'b' },
      b: { type: 'decision', branches: [], otherwise: 'a' },
      z: END,
    });
    expect(only(lint(closed), 'automatic-loop')).toEqual([]);
    expect(only(lint(closed), 'cycle-without-exit')).toEqual(['steps.a']);
  });
});

describe('lint context', () => {
  it('precomputes branch bodies', () => {
    const ctx = createLintContext(
      workflow({
        fork: { type: 'parallel', branches: ['a1', 'b1'], join: 'join' },
        a1: task('nurse', { next: 'a2' }),
        a2: task('nurse', { done: 'join', redo: 'a1' }),
        b1: task('nurse', { done: 'join', cancel: 'z' }),
        join: task('provider', { done: 'z' }),
        z: { type: 'end' },
      }),
    );
    expect(ctx.forks).toHaveLength(1);
    expect(ctx.forks[0]!.branches.map((b) => [...b.region].sort())).toEqual([['a1', 'a2'], ['b1']]);
    expect(['fork', 'a1', 'b1', 'join'].map((id) => ctx.scopeOf(id)?.id)).toEqual([0, 1, 2, 0]);
    expect(ctx.scopeOf('z')).toBeUndefined();
    expect(ctx.forks[0]!.branches.every((b) => b.reachesJoin)).toBe(true);
    expect([...ctx.reachable].sort()).toEqual(['a1', 'a2', 'b1', 'fork', 'join', 'z']);
    expect(ctx.cycles).toEqual([['a1', 'a2']]);
  });
});
