import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChange, type Change } from '../src/model/changes.ts';
import type { EditorDocument } from '../src/model/document.ts';
import {
  bailToMark,
  canRedo,
  canUndo,
  diffDocuments,
  emptyHistory,
  type History,
  markStoppingPoint,
  record,
  redo,
  squashToMark,
  undo,
} from '../src/model/history.ts';
import { doc } from './model-support.ts';

const plain = (d: EditorDocument) => JSON.parse(JSON.stringify(d));

/** A change that always applies to `d`, chosen by three random numbers (fast to generate and shrink). */
function changeFrom(d: EditorDocument, [kind, a, b]: [number, number, number]): Change {
  const ids = Object.keys(d.definition.steps);
  const tasks = ids.filter((id) => d.definition.steps[id]!.type === 'task');
  const roles = d.definition.roles.map((r) => r.id);
  const id = ids[a % ids.length]!;
  const task = tasks[a % Math.max(1, tasks.length)];
  switch (task === undefined && kind >= 5 ? kind % 5 : kind) {
    case 0:
      return { type: 'moveStep', id, position: { x: a, y: b % 400 } };
    case 1:
      return {
        type: 'addStep',
        id: `new-${a}-${b}-${ids.length}`,
        step: { type: 'end' },
        position: { x: b, y: 10 },
      };
    case 2:
      return ids.length > 1 ? { type: 'removeStep', id } : { type: 'setStart', id };
    case 3:
      return { type: 'setWorkflow', title: `Title ${b}` };
    case 4:
      return { type: 'reorderLane', role: roles[a % roles.length]!, toIndex: b % (roles.length + 1) };
    case 5:
      return { type: 'setOwner', id: task!, role: roles[b % roles.length]! };
    case 6:
      return {
        type: 'updateStep',
        id: task!,
        patch: { title: `Task ${b}`, help: b % 2 ? undefined : 'Help' },
      };
    default:
      return {
        type: 'connect',
        from: task!,
        to: ids[b % ids.length]!,
        via: { kind: 'outcome', name: ['a', 'b', 'done'][b % 3]! },
      };
  }
}

const editScripts = fc.array(fc.tuple(fc.nat(7), fc.nat(5000), fc.nat(5000)), {
  minLength: 1,
  maxLength: 25,
});

/** Applies the scripted edits, recording each, and returns every document along the way. */
function run(script: Array<[number, number, number]>) {
  const docs = [doc()];
  let history = emptyHistory();
  for (const choice of script) {
    const current = docs[docs.length - 1]!;
    const next = applyChange(current, changeFrom(current, choice));
    history = record(history, current, next);
    docs.push(next);
  }
  return { docs, history };
}

describe('diff-based history', () => {
  it('records only the keys an edit touched', () => {
    const before = doc();
    const after = applyChange(before, {
      type: 'updateStep',
      id: 'classify',
      patch: { title: 'Sort the message' },
    });
    const diff = diffDocuments(before, after);
    expect(Object.keys(diff.steps)).toEqual(['classify']);
    expect(diff.fields).toEqual({});
    expect(diff.positions).toEqual({});
    expect(diff.stepOrder).toBeUndefined();
  });

  it('undo then redo returns to every earlier document (property)', () => {
    fc.assert(
      fc.property(editScripts, (script) => {
        const { docs, history } = run(script);
        let h: History = history;
        let current = docs[docs.length - 1]!;
        while (canUndo(h)) ({ history: h, document: current } = undo(h, current));
        expect(plain(current)).toEqual(plain(docs[0]!));
        while (canRedo(h)) ({ history: h, document: current } = redo(h, current));
        expect(plain(current)).toEqual(plain(docs[docs.length - 1]!));
        // Step order survives removing and re-adding steps.
        expect(Object.keys(current.definition.steps)).toEqual(
          Object.keys(docs[docs.length - 1]!.definition.steps),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('a new edit after undo clears the redo stack', () => {
    const a = doc();
    const b = applyChange(a, { type: 'setStart', id: 'nurse-review' });
    let h = record(emptyHistory(), a, b);
    const undone = undo(h, b);
    h = undone.history;
    expect(canRedo(h)).toBe(true);
    const c = applyChange(undone.document, { type: 'setWorkflow', title: 'X' });
    h = record(h, undone.document, c);
    expect(canRedo(h)).toBe(false);
  });

  it('squashes consecutive moves of the same box into one undo step', () => {
    const a = doc();
    let h = emptyHistory();
    let current = a;
    for (let x = 0; x < 5; x++) {
      const next = applyChange(current, { type: 'moveStep', id: 'classify', position: { x, y: 10 } });
      h = record(h, current, next, { squash: 'move:classify' });
      current = next;
    }
    expect(h.undo).toHaveLength(1);
    expect(plain(undo(h, current).document)).toEqual(plain(a));
  });

  it('bails back to a named mark and squashes to one', () => {
    const a = doc();
    let h = markStoppingPoint(emptyHistory(), 'paste');
    const b = applyChange(a, { type: 'addStep', id: 'x', step: { type: 'end' } });
    h = record(h, a, b);
    const c = applyChange(b, { type: 'moveStep', id: 'x', position: { x: 1, y: 1 } });
    h = record(h, b, c);
    const bailed = bailToMark(h, c, 'paste');
    expect(plain(bailed.document)).toEqual(plain(a));
    expect(canUndo(bailed.history)).toBe(false);
    const squashed = squashToMark(h, 'paste', 'Paste');
    expect(squashed.undo).toHaveLength(1);
    expect(plain(undo(squashed, c).document)).toEqual(plain(a));
  });

  it('an edit that changes nothing records nothing', () => {
    const a = doc();
    expect(record(emptyHistory(), a, a).undo).toHaveLength(0);
  });
});

describe('history against a reference model (property)', () => {
  it('any mix of edits, undos and redos lands where a stack of documents says', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(9), fc.nat(5000), fc.nat(5000)), { maxLength: 40 }), (ops) => {
        let current = doc();
        let history = emptyHistory();
        // The reference: a plain stack of whole documents.
        let expected = current;
        const past: EditorDocument[] = [];
        const future: EditorDocument[] = [];
        for (const [op, a, b] of ops) {
          if (op === 8) {
            ({ history, document: current } = undo(history, current));
            if (past.length) {
              future.push(expected);
              expected = past.pop()!;
            }
          } else if (op === 9) {
            ({ history, document: current } = redo(history, current));
            if (future.length) {
              past.push(expected);
              expected = future.pop()!;
            }
          } else {
            const next = applyChange(current, changeFrom(current, [op, a, b]));
            const before = history;
            history = record(history, current, next);
            if (history !== before) {
              past.push(expected);
              future.length = 0;
            }
            current = next;
            expected = next;
          }
          expect(canUndo(history)).toBe(past.length > 0);
          expect(canRedo(history)).toBe(future.length > 0);
          expect(plain(current)).toEqual(plain(expected));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('rebaseDocument (stale save)', () => {
  it('puts my changes on top of theirs and lists the steps we both changed', async () => {
    const { rebaseDocument } = await import('../src/model/rebase.ts');
    const base = doc();
    const mine = applyChange(
      applyChange(base, { type: 'updateStep', id: 'classify', patch: { title: 'Mine' } }),
      {
        type: 'addStep',
        id: 'log',
        step: { type: 'end' },
      },
    );
    const theirs = applyChange(
      applyChange(base, { type: 'updateStep', id: 'classify', patch: { title: 'Theirs' } }),
      {
        type: 'setOwner',
        id: 'nurse-review',
        role: 'provider',
      },
    );
    const { document, conflicts } = rebaseDocument(base, mine, theirs);
    expect(document.definition.steps.classify).toMatchObject({ title: 'Mine' });
    expect(document.definition.steps['nurse-review']).toMatchObject({ role: 'provider' });
    expect(document.definition.steps.log).toEqual({ type: 'end' });
    expect(conflicts).toEqual(['step classify']);
  });
});

describe('rebaseDocument with a draft read back from the server', () => {
  it('does not call a step a conflict just because their copy is a fresh object', async () => {
    const { rebaseDocument } = await import('../src/model/rebase.ts');
    const base = doc();
    const mine = applyChange(base, { type: 'updateStep', id: 'is-urgent', patch: { title: 'Urgent?' } });
    const theirs = JSON.parse(JSON.stringify(applyChange(base, { type: 'setStart', id: 'nurse-review' })));
    const { document, conflicts } = rebaseDocument(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(document.definition.start).toBe('nurse-review');
    expect(document.definition.steps['is-urgent']).toMatchObject({ title: 'Urgent?' });
  });
});
