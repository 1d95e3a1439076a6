import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../src/api/useOneAtATime.ts';

/** An action whose answer shows a toast, as a mutation's onSuccess does. */
function action() {
  const toasts: string[] = [];
  let sends = 0;
  let fail = false;
  return {
    toasts,
    sends: () => sends,
    failNext: () => {
      fail = true;
    },
    send: async () => {
      sends++;
      if (fail) {
        fail = false;
        throw new Error('offline');
      }
      toasts.push('Completed');
      return 'done';
    },
  };
}

describe('one press at a time', () => {
  it('a second press while the first is on its way sends nothing and gets its answer', async () => {
    const gate = oneAtATime(() => undefined);
    const a = action();
    const first = gate.run('complete t1', a.send);
    const second = gate.run('complete t1', a.send);
    expect(await Promise.all([first, second])).toEqual(['done', 'done']);
    expect(a.sends()).toBe(1);
    expect(a.toasts).toEqual(['Completed']);
  });

  it('a second press landing after the answer, before the screen has drawn it, gets the same answer: one toast', async () => {
    const gate = oneAtATime(() => undefined);
    const a = action();
    await gate.run('complete t1', a.send);
    // The answer is in (its toast shown); the button is still on the screen until the next render.
    expect(await gate.run('complete t1', a.send)).toBe('done');
    expect(a.sends()).toBe(1);
    expect(a.toasts).toEqual(['Completed']);
  });

  it('once the screen has drawn the answer, a new press sends again (Back up now, later)', async () => {
    let answered = 0;
    const gate = oneAtATime(() => answered++);
    const a = action();
    await gate.run('backup', a.send);
    expect(answered).toBe(1);
    gate.forgetAnswered();
    await gate.run('backup', a.send);
    expect(a.sends()).toBe(2);
    expect(a.toasts).toEqual(['Completed', 'Completed']);
  });

  it('a press that failed can be tried again once its refusal is on the screen', async () => {
    const gate = oneAtATime(() => undefined);
    const a = action();
    a.failNext();
    await expect(gate.run('attach f1', a.send)).rejects.toThrow('offline');
    gate.forgetAnswered();
    expect(await gate.run('attach f1', a.send)).toBe('done');
    expect(a.sends()).toBe(2);
  });

  it('keys apart: another task is its own press', async () => {
    const gate = oneAtATime(() => undefined);
    const a = action();
    await Promise.all([gate.run('complete t1', a.send), gate.run('complete t2', a.send)]);
    expect(a.sends()).toBe(2);
  });
});
