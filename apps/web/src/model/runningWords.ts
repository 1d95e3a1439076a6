import type { RunningByVersion } from '@portalflow/contract';

/**
 * What publishing does to requests already running: each stays on the version it started on. One line
 * per older version with requests on it, so the lead knows how many before she publishes.
 */
export function runningWords(running: readonly RunningByVersion[], next: number): string[] {
  const lines = running
    .filter((r) => r.running > 0 && r.version < next)
    .map((r) =>
      r.running === 1
        ? `1 request is still running on version ${r.version}: it stays on version ${r.version} and finishes as it started.`
        : `${r.running} requests are still running on version ${r.version}: they stay on version ${r.version} and finish as they started.`,
    );
  return lines.length > 0 ? lines : ['No request is running on an older version.'];
}
