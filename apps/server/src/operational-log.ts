/**
 * The server's operational log on stderr: one line per event (method, route pattern, status and time for
 * requests; never values, bodies or user data). Lines written in one turn of the event loop leave in
 * one write: stderr on a pipe or a file is written synchronously by Node, and a write per request was a
 * measurable share of serving one. What is waiting is written before the process exits.
 */
const unwritten = new Set<() => void>();
let exitHooked = false;

export function operationalLog(out: { write(text: string): unknown } = process.stderr): {
  log(line: string): void;
  flush(): void;
} {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    out.write(text);
  };
  unwritten.add(flush);
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => {
      for (const f of unwritten) f();
    });
  }
  return {
    log(line) {
      pending.push(`${new Date().toISOString()} ${line}\n`);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
