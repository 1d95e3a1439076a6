import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { operationalLog } from '../src/operational-log.ts';

describe('operational log', () => {
  it('writes the lines of one turn of the event loop in one write, in order', async () => {
    const writes: string[] = [];
    const { log } = operationalLog({ write: (text: string) => writes.push(text) });
    log('GET /api/me 200 1.0ms');
    log('POST /api/tasks/:id/complete 200 3.0ms');
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(1);
    const lines = writes[0]!.trimEnd().split('\n');
    expect(lines.map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'GET /api/me 200 1.0ms',
      'POST /api/tasks/:id/complete 200 3.0ms',
    ]);
    expect(lines.every((l) => /^\d{4}-\d\d-\d\dT[\d:.]+Z /.test(l))).toBe(true);
    log('later');
    await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(2);
  });

  it('writes what is waiting when the process exits before the next turn', () => {
    const script = `
      const { operationalLog } = await import(${JSON.stringify(new URL('../src/operational-log.ts', import.meta.url).pathname)});
      const { log } = operationalLog();
      log('the last line');
      process.exit(0);
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/Z the last line\n$/);
  });
});
