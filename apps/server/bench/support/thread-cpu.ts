import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time each thread of a process has used so far, ms, from /proc (Linux; empty elsewhere). A
 * Node server's threads: the event loop (the first, named after the process), the store's write
 * thread, V8's garbage-collector and compiler helpers, libuv's pool.
 */
export function threadCpu(pid: number): Map<number, { name: string; ms: number }> {
  const threads = new Map<number, { name: string; ms: number }>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  const tick = 10; // USER_HZ is 100 on Linux
  for (const tid of tids) {
    try {
      const raw = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      threads.set(Number(tid), { name, ms: (Number(fields[11]) + Number(fields[12])) * tick });
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads;
}

/**
 * CPU per operation between two readings: the event loop (the thread whose id is the pid), the
 * busiest other thread (the write thread, under a write load) and all the rest, µs per `ops`.
 */
export function cpuPerOp(
  pid: number,
  before: Map<number, { name: string; ms: number }>,
  after: Map<number, { name: string; ms: number }>,
  ops: number,
): { eventLoop: number; writeThread: number; rest: number } | null {
  if (after.size === 0 || ops === 0) return null;
  const used = [...after].map(([tid, t]) => ({ tid, ms: t.ms - (before.get(tid)?.ms ?? 0) }));
  const loop = used.find((u) => u.tid === pid)?.ms ?? 0;
  const others = used.filter((u) => u.tid !== pid).sort((a, b) => b.ms - a.ms);
  const write = others[0]?.ms ?? 0;
  const rest = others.slice(1).reduce((sum, u) => sum + u.ms, 0);
  const per = (ms: number) => (ms * 1000) / ops;
  return { eventLoop: per(loop), writeThread: per(write), rest: per(rest) };
}
