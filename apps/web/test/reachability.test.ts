import { describe, expect, it } from 'vitest';
import {
  noteResponse,
  noteUnreachable,
  onReachabilityChange,
  SAVED_COPY_HEADER,
  serverReachable,
} from '../src/api/reachability.ts';

describe('whether the page shows live answers', () => {
  it('a saved copy or a failed request means the server was not reached; the next live answer says it is back', () => {
    // A live answer first: another file in this worker may have left the page "not reached".
    noteResponse(new Response('{}'));
    let changes = 0;
    const stop = onReachabilityChange(() => changes++);
    expect(serverReachable()).toBe(true);
    noteResponse(new Response('{}', { headers: { [SAVED_COPY_HEADER]: '1' } }));
    expect(serverReachable()).toBe(false);
    noteResponse(new Response('{}'));
    expect(serverReachable()).toBe(true);
    noteUnreachable();
    expect(serverReachable()).toBe(false);
    noteUnreachable();
    expect(changes).toBe(3);
    noteResponse(new Response('{}', { status: 500 }));
    expect(serverReachable()).toBe(true);
    stop();
  });
});
