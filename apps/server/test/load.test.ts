// A short run of `pnpm load`: three server processes on one database file, staff clients starting,
// claiming and completing across all of them; afterwards every instance's projection equals its replay,
// every hash chain verifies, and every process answers the same queues.
import { describe, expect, it } from 'vitest';
import { formatReport, runLoad } from '../load/run-load.ts';

describe('load run across three processes', () => {
  it('keeps one consistent story under concurrent work from every process', async () => {
    const report = await runLoad({ processes: 3, clients: 6, durationMs: 3000, maxRequests: 5000 });
    console.log(formatReport(report));
    expect(report.consistency.problems).toEqual([]);
    expect(report.consistency.ok).toBe(true);
    expect(report.queuesIdentical).toBe(true);
    expect(report.serverErrors).toBe(0);
    expect(report.networkErrors).toBe(0);
    // Work really happened through the processes: instances started, tasks completed.
    expect(report.statuses['start 201'] ?? 0).toBeGreaterThan(0);
    expect(report.statuses['complete 200'] ?? 0).toBeGreaterThan(0);
    expect(report.consistency.instances).toBeGreaterThan(report.statuses['start 201']! - 1);
  }, 120_000);
});
