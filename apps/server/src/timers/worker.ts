import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import type { InstanceService } from '../instances/service.ts';

export interface TimerWorker {
  /** Fires every due timer this process can lease; returns how many it fired. */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Fires deadlines. Timers live in the database; a process leases due ones (so two processes never
 * fire the same one), and each firing is a `timer-fired` event committed like any other change —
 * the commit deletes the timer row, so a fired timer cannot be claimed again. A crash mid-way only
 * lets the lease expire, and another process fires it.
 */
export function startTimerWorker(
  deps: AppDeps,
  instances: InstanceService,
  options: { autostart?: boolean } = {},
): TimerWorker {
  let stopped = false;
  let running: Promise<number> | undefined;
  let handle: ReturnType<typeof setTimeout> | undefined;

  async function fireDue(): Promise<number> {
    let fired = 0;
    for (;;) {
      const leased = await deps.store.claimDueTimers({
        now: deps.clock(),
        owner: deps.config.processId,
        leaseMs: deps.config.timerLeaseMs,
        limit: 50,
      });
      if (leased.length === 0) return fired;
      for (const timer of leased) {
        if (stopped) return fired;
        try {
          await instances.act(
            { user: null, role: null },
            timer.instanceId,
            () => ({ type: 'timer-fired', timer: timer.timerId }),
            () => null,
          );
          fired++;
        } catch (error) {
          // Not due yet here (clocks differ between processes), or already handled: let it be leased again later.
          const code = error instanceof ApiError ? error.code : 'INTERNAL';
          deps.log(`timer ${timer.id} not fired (${code})`);
          await deps.store.releaseTimer(timer.id, deps.config.processId);
        }
      }
    }
  }

  function tick(): Promise<number> {
    running ??= fireDue()
      .then((fired) => {
        // One line a pass, not one a timer: which process fired how many (no instance data).
        if (fired > 0) deps.log(`timer worker ${deps.config.processId}: fired ${fired}`);
        return fired;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  async function loop(): Promise<void> {
    if (stopped) return;
    try {
      await tick();
    } catch (error) {
      deps.log(`timer worker: ${(error as Error).message}`);
    }
    if (!stopped) handle = setTimeout(loop, deps.config.timerPollMs);
  }
  if (options.autostart !== false) handle = setTimeout(loop, 0);

  return {
    tick,
    async stop() {
      stopped = true;
      if (handle) clearTimeout(handle);
      await running;
    },
  };
}
