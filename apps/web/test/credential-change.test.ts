import { describe, expect, it } from 'vitest';
import {
  changingCredentials,
  credentialsChanging,
  credentialsGeneration,
  credentialsSettled,
  maybeStale,
  onCredentialsChanged,
} from '../src/auth/credentialChange.ts';

/** A request whose answer comes when the test says. */
function pending<T>() {
  let answer: (value: T) => void = () => undefined;
  let refuse: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((resolve, reject) => {
    answer = resolve;
    refuse = reject;
  });
  return { promise, answer, refuse };
}

describe('the session check during a credential change', () => {
  it('waits for the new password’s answer before asking', async () => {
    const change = pending<string>();
    const order: string[] = [];
    const done = changingCredentials(change.promise).then(() => order.push('new cookie set'));
    expect(credentialsChanging()).toBe(true);
    const check = credentialsSettled().then(() => order.push('asked whether signed in'));
    await Promise.resolve();
    expect(order).toEqual([]);
    change.answer('ok');
    await Promise.all([done, check]);
    expect(order).toEqual(['new cookie set', 'asked whether signed in']);
    expect(credentialsChanging()).toBe(false);
  });

  it('asks at once when nothing is changing, and after a refused change too', async () => {
    await credentialsSettled();
    const change = pending<string>();
    const refused = changingCredentials(change.promise).catch(() => 'refused');
    const check = credentialsSettled();
    change.refuse(new Error('That is not your current password'));
    expect(await refused).toBe('refused');
    await check;
    expect(credentialsChanging()).toBe(false);
  });

  it('waits for a change that starts while it waits for another', async () => {
    const first = pending<void>();
    const second = pending<void>();
    changingCredentials(first.promise);
    let asked = false;
    const check = credentialsSettled().then(() => {
      asked = true;
    });
    changingCredentials(second.promise);
    first.answer();
    await first.promise;
    await Promise.resolve();
    await Promise.resolve();
    expect(asked).toBe(false);
    second.answer();
    await check;
    expect(asked).toBe(true);
  });

  it('takes a "signed out" to a request sent before an answered change for a reason to ask again', async () => {
    const sentAt = credentialsGeneration();
    expect(maybeStale(sentAt)).toBe(false);
    const change = pending<void>();
    let told = 0;
    const stop = onCredentialsChanged(() => {
      told += 1;
    });
    const done = changingCredentials(change.promise);
    expect(maybeStale(sentAt)).toBe(true);
    change.answer();
    await done;
    expect(told).toBe(1);
    expect(credentialsGeneration()).toBe(sentAt + 1);
    // Sent with the old cookie, answered after: stale. Sent with the new one: a real sign-out.
    expect(maybeStale(sentAt)).toBe(true);
    expect(maybeStale(credentialsGeneration())).toBe(false);
    stop();
  });

  it('keeps the generation when a change is refused: the old cookie still holds', async () => {
    const before = credentialsGeneration();
    const change = pending<void>();
    const refused = changingCredentials(change.promise).catch(() => 'refused');
    change.refuse(new Error('That is not your current password'));
    expect(await refused).toBe('refused');
    expect(credentialsGeneration()).toBe(before);
    expect(maybeStale(before)).toBe(false);
  });
});
