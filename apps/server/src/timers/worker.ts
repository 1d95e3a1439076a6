import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import type { InstanceService } from '../instances/service.ts';
import { remindDueSoon } from './remind-due-soon.ts';

export interface TimerWorker {
  /**
   * Fires every due timer this process can lease (a practice task's deadline is dropped instead); returns
   * how many it handled.
   */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Fires deadlines, and reminds holders of deadlines coming up (timers/remind-due-soon.ts). Timers live in the database; a process leases due ones (so two processes never
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
      let failed = false;
      for (const [index, timer] of leased.entries()) {
        if (stopped) {
          // Hand the rest back now rather than leaving them leased (and unfired) until the lease expires.
          for (const rest of leased.slice(index))
            await deps.store.releaseTimer(rest.id, deps.config.processId);
          return fired;
        }
        try {
          // A practice task's deadline is shown, never fired (instances/practice-deadlines.ts).
          if (!(await instances.fireTimer(timer.instanceId, timer.timerId)))
            await deps.store.dropTimer(timer.id, deps.config.processId);
          fired++;
        } catch (error) {
          // Not due yet here (clocks differ between processes), or already handled: let it be leased again later.
          const code = error instanceof ApiError ? error.code : 'INTERNAL';
          deps.log(`timer ${timer.id} not fired (${code})`);
          await deps.store.releaseTimer(timer.id, deps.config.processId);
          failed = true;
        }
      }
      // A released timer is due and free, so the next claim would take it straight back: end the pass
      // and retry on the next poll instead of spinning on a timer that keeps failing.
      if (failed) return fired;
    }
  }

  /** After the deadlines: holders of work due soon are reminded (a failure here never holds up a deadline). */
  async function remind(): Promise<void> {
    try {
      const reminded = await remindDueSoon(deps, instances);
      if (reminded > 0) deps.log(`timer worker ${deps.config.processId}: ${reminded} due-soon reminders`);
    } catch (error) {
      deps.log(`due-soon reminders not written: ${(error as Error).message}`);
    }
  }

  function tick(): Promise<number> {
    running ??= fireDue()
      .then(async (fired) => {
        if (!stopped) await remind();
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
