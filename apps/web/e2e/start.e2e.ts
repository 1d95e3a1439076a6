import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type StartedDemo, startDemo } from '../../../scripts/start-run.ts';

/**
 * `pnpm start` (`node scripts/start.mjs`): builds what is missing, then serves the demo from the
 * compiled JavaScript with plain Node. The time it took is printed, never asserted (`pnpm bench`
 * reports it against its goal).
 */
describe('pnpm start', () => {
  const dirs: string[] = [];
  const running: StartedDemo[] = [];
  afterAll(async () => {
    for (const r of running) await r.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const start = async (afterDashes = false) => {
    const dir = mkdtempSync(join(tmpdir(), 'pf-start-'));
    dirs.push(dir);
    // The first run may compile the packages: room for that on a busy machine.
    const demo = await startDemo(dir, 240_000, afterDashes);
    running.push(demo);
    return demo;
  };

  it('serves the demo from dist/ with plain node, no tsx', async () => {
    const demo = await start();
    console.log(
      `start (building what was missing): healthy after ${(demo.healthyAfterMs / 1000).toFixed(1)} s`,
    );
    const [node, script, ...args] = demo.server.argv;
    expect(node).toBe(process.execPath);
    expect(script).toMatch(/packages\/cli\/dist\/main\.js$/);
    expect(args.slice(0, 2)).toEqual(['serve', '--demo']);
    expect(demo.server.argv.join(' ')).not.toMatch(/tsx|--import|--loader|--conditions/);
    expect(demo.server.nodeOptions).not.toMatch(/tsx/);
    const health = await fetch(`${demo.url}/api/health`);
    expect(health.status).toBe(200);
    const page = await fetch(`${demo.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  }, 300_000);

  it('on a built tree builds nothing and becomes healthy; options after "--" are read', async () => {
    // `npm start -- --port 0 --db …`: the port and the file given are the ones used.
    const demo = await start(true);
    expect(demo.url).not.toMatch(/:3000$/);
    console.log(`start on a built tree: healthy after ${(demo.healthyAfterMs / 1000).toFixed(1)} s`);
    expect(demo.output()).not.toContain('compiling the packages');
    expect(demo.output()).not.toContain('building the web app');
    expect(demo.output()).toContain('demo: 9 workflows published');
  }, 120_000);
});
