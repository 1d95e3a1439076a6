/** One benchmark figure: what was measured, its value, and the goal it is judged against. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** e.g. `≥ 0.5×` or `< 20 ms`. */
  goal?: string;
  /** Whether the goal was met, when there is one. */
  met?: boolean;
  note?: string;
}

const fmt = (n: number) =>
  n >= 100 ? Math.round(n).toLocaleString('en-US') : n >= 1 ? n.toFixed(2) : n.toFixed(3);

export function printTable(title: string, rows: BenchRow[]): void {
  const lines = [
    ['benchmark', 'value', 'goal', ''],
    ...rows.map((r) => [
      r.name,
      `${fmt(r.value)} ${r.unit}`,
      r.goal ?? '',
      r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  console.log(`\n${title}`);
  lines.forEach((l, n) => {
    console.log(
      `  ${l
        .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd()}`,
    );
    if (n === 0) console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  });
  for (const r of rows) if (r.note) console.log(`  · ${r.name}: ${r.note}`);
}

/** Runs `fn` repeatedly for at least `ms` milliseconds (after a warm-up) and returns operations per second. */
export function opsPerSecond(fn: () => void, ms = 1000): number {
  const warm = performance.now();
  while (performance.now() - warm < ms / 4) fn();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}

/** Median of `runs` timings of `fn`, in milliseconds. */
export function medianMs(fn: () => void, runs = 15): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
