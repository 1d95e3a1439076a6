// The hub alone, with sinks that record what they are given: who gets which event, once, in order;
// catching up before going live; letting go of a client that fell too far behind.
import { describe, expect, it } from 'vitest';
import type { Frame } from '../src/live/frame.ts';
import { type Audience, concerns, type FeedRow, LiveHub, type LiveMessage } from '../src/live/hub.ts';

class RecordingSink {
  frames: string[] = [];
  closed = false;
  constructor(private readonly capacity = Number.POSITIVE_INFINITY) {}
  write(frame: Frame): boolean {
    if (this.frames.length >= this.capacity) return false;
    this.frames.push(frame.bytes.toString());
    return true;
  }
  close(): void {
    this.closed = true;
  }
  /** The ids of the events received, in order. */
  ids(): number[] {
    return this.frames.map((f) => Number(/^id: ([\d.]+)/.exec(f)?.[1]));
  }
}

const message = (instanceId: string, roles: string[], users: string[] = []): LiveMessage => ({
  type: 'instance.changed',
  instanceId,
  definitionId: 'portal-message-triage',
  status: 'active',
  revision: 1,
  roles,
  users,
  practice: false,
});

/** A feed row with one change. */
const changed = (id: number, roles: string[], users: string[] = []): FeedRow => ({
  id,
  messages: [message(`i-${id}`, roles, users)],
});

const staff = (userId: string, roles: string[]): Audience => ({ everything: false, roles, userId });

describe('LiveHub', () => {
  it('writes each event once to every connection it concerns, and to no other', () => {
    const hub = new LiveHub();
    const nurse = new RecordingSink();
    const twoRoles = new RecordingSink();
    const lead = new RecordingSink();
    const billing = new RecordingSink();
    hub.subscribe(staff('u-nurse', ['nurse']), nurse).release();
    hub.subscribe(staff('u-both', ['nurse', 'front-desk']), twoRoles).release();
    hub.subscribe({ everything: true, roles: ['designer'], userId: 'u-lead' }, lead).release();
    hub.subscribe(staff('u-billing', ['billing']), billing).release();

    // Both of u-both's roles and u-both itself are named: still one frame for that connection.
    hub.deliver([
      changed(1, ['nurse', 'front-desk'], ['u-both']),
      changed(2, ['billing']),
      changed(3, [], ['u-nurse']),
    ]);
    expect(nurse.ids()).toEqual([1, 3]);
    expect(twoRoles.ids()).toEqual([1]);
    expect(lead.ids()).toEqual([1, 2, 3]);
    expect(billing.ids()).toEqual([2]);
    // Roles and users stay on the server; the frame says what changed, not who else was told.
    expect(nurse.frames[0]).toBe(
      'id: 1\nevent: instance.changed\ndata: {"type":"instance.changed","instanceId":"i-1","definitionId":"portal-message-triage","status":"active","revision":1,"practice":false}\n\n',
    );
    // An entry already delivered (a second read of the same feed rows) is not delivered again.
    hub.deliver([changed(3, [], ['u-nurse']), changed(4, ['nurse'])]);
    expect(nurse.ids()).toEqual([1, 3, 4]);
    expect(hub.cursor).toBe(4);
    expect(hub.size).toBe(4);
  });

  it("tells its listeners that a person's access ended, and writes that to no connection, a lead's neither", () => {
    const hub = new LiveHub();
    const lead = new RecordingSink();
    const person = new RecordingSink();
    hub.subscribe({ everything: true, roles: ['designer'], userId: 'u-lead' }, lead).release();
    hub.subscribe(staff('u-jane', ['nurse']), person).release();
    const heard: string[] = [];
    const stop = hub.onAccessEnded((userId) => heard.push(userId));
    const ended: LiveMessage = { type: 'access.ended', userId: 'u-jane', roles: [], users: [] };
    hub.deliver([{ id: 1, messages: [ended] }, changed(2, ['nurse'])]);
    expect(heard).toEqual(['u-jane']);
    expect(lead.ids()).toEqual([2]);
    expect(person.ids()).toEqual([2]);
    expect(concerns({ everything: true, roles: [], userId: 'u-lead' }, ended)).toBe(false);
    stop();
    hub.deliver([{ id: 3, messages: [ended] }]);
    expect(heard).toEqual(['u-jane']);
  });

  it('numbers the messages of a row so a client knows how far into it it got', () => {
    const hub = new LiveHub();
    const nurse = new RecordingSink();
    const lead = new RecordingSink();
    hub.subscribe(staff('u-nurse', ['nurse']), nurse).release();
    hub.subscribe({ everything: true, roles: ['auditor'], userId: 'u-aud' }, lead).release();
    // Three changes committed in one batch share feed row 7.
    hub.deliver([
      { id: 7, messages: [message('a', ['nurse']), message('b', ['billing']), message('c', ['nurse'])] },
    ]);
    expect(lead.frames.map((f) => /^id: (\S+)/.exec(f)?.[1])).toEqual(['7.0', '7.1', '7']);
    expect(nurse.frames.map((f) => /^id: (\S+)/.exec(f)?.[1])).toEqual(['7.0', '7']);
    expect(nurse.frames.map((f) => JSON.parse(f.split('data: ')[1]!).instanceId)).toEqual(['a', 'c']);
  });

  it('holds live events while a connection catches up, and skips what the client already has', () => {
    const hub = new LiveHub();
    const sink = new RecordingSink();
    const sub = hub.subscribe(staff('u-1', ['nurse']), sink);
    sub.skipThrough(5);
    hub.deliver([changed(5, ['nurse']), changed(6, ['nurse'])]);
    expect(sink.frames).toEqual([]);
    sink.frames.push('id: 4\n(catch-up)');
    sub.release();
    expect(sink.ids()).toEqual([4, 6]);
    hub.deliver([changed(7, ['nurse'])]);
    expect(sink.ids()).toEqual([4, 6, 7]);
  });

  it('drops a connection that cannot keep up, and forgets closed ones', () => {
    const hub = new LiveHub();
    const slow = new RecordingSink(2);
    const fine = new RecordingSink();
    hub.subscribe(staff('u-slow', ['nurse']), slow).release();
    const other = hub.subscribe(staff('u-fine', ['nurse']), fine);
    other.release();
    hub.deliver([changed(1, ['nurse']), changed(2, ['nurse']), changed(3, ['nurse'])]);
    expect(slow.closed).toBe(true);
    expect(fine.ids()).toEqual([1, 2, 3]);
    expect(hub.size).toBe(1);
    other.close();
    other.close();
    expect(hub.size).toBe(0);
    hub.deliver([changed(4, ['nurse'])]);
    expect(fine.ids()).toEqual([1, 2, 3]);
  });
});
