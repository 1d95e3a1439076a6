/** What every campaign returns: its figures, the failures it found, and the verdict. */
export interface CampaignResult {
  name: string;
  seed: number;
  long: boolean;
  pass: boolean;
  figures: Record<string, number | string>;
  /** The first failures found (capped), each a line a person can act on. */
  failures: string[];
}

export interface CampaignOptions {
  long: boolean;
  seed: number;
  /** Progress lines (figures and failures are returned, not logged). */
  log: (line: string) => void;
}

export type Campaign = (options: CampaignOptions) => Promise<CampaignResult>;

const MAX_FAILURES = 50;

/** Collects failures (first 50 kept, all counted) and builds the result. */
export class Verdict {
  readonly failures: string[] = [];
  count = 0;

  fail(line: string): void {
    this.count += 1;
    if (this.failures.length < MAX_FAILURES) this.failures.push(line);
  }

  check(ok: boolean, line: string): void {
    if (!ok) this.fail(line);
  }

  result(name: string, options: CampaignOptions, figures: CampaignResult['figures']): CampaignResult {
    return {
      name,
      seed: options.seed,
      long: options.long,
      pass: this.count === 0,
      figures: { ...figures, failures: this.count },
      failures: this.failures,
    };
  }
}

/** The campaign's figures, one a line, then its failures, then `PASS` or `FAIL`. */
export function formatResult(r: CampaignResult): string {
  const lines = [`campaign ${r.name} (${r.long ? 'long' : 'short'}, seed ${r.seed})`];
  for (const [key, value] of Object.entries(r.figures)) lines.push(`  ${key}: ${value}`);
  for (const f of r.failures) lines.push(`  ✗ ${f}`);
  lines.push(r.pass ? 'PASS' : 'FAIL');
  return lines.join('\n');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
