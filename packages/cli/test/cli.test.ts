import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binArgs } from './support/bin.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const examples = new URL('../../../examples/', import.meta.url).pathname;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [...binArgs, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    // A command that wrongly keeps running (a server started by mistake) fails instead of hanging.
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('portalflow CLI', () => {
  it('handbook: Markdown and SVG of an example; a bad format is a usage error', () => {
    const file = `${examples}workflows/password-reset.json`;
    const md = cli('handbook', file, '--format', 'md');
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/^# /);
    expect(md.out).toContain('## Steps');
    const svg = cli('handbook', file, '--format', 'svg');
    expect(svg.code).toBe(0);
    expect(svg.out.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.out.trim().endsWith('</svg>')).toBe(true);
    expect(cli('handbook', file, '--format', 'pdf').code).toBe(2);
    expect(cli('handbook').code).toBe(2);
    // export --format svg draws the same picture as handbook --format svg (one geometry).
    const exported = cli('export', file, '--format', 'svg');
    expect(exported.code).toBe(0);
    expect(exported.out).toBe(svg.out);
    expect(cli('export', file, '--format', 'md').out).toBe(md.out);
  }, 60_000);

  it('lint: a clean file exits 0', () => {
    const r = cli('lint', fixture('simple.yaml'));
    expect(r.err).toBe('');
    expect(r.out).toContain('✓ 0 errors, 0 warnings in 1 file');
    expect(r.code).toBe(0);
  });

  it('lint: an outcome to an unknown step exits 1 and names rule, path and line', () => {
    const r = cli('lint', fixture('broken-target.json'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('unknown-target');
    expect(r.out).toContain('steps.classify.outcomes.done');
    expect(r.out).toMatch(/broken-target\.json:11/);
  });

  it('lint --json is machine-readable', () => {
    const r = cli('lint', '--json', fixture('broken-target.json'));
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.errors).toBeGreaterThan(0);
    expect(
      report.files[0].findings.some(
        (f: { rule: string; line: number }) => f.rule === 'unknown-target' && f.line === 11,
      ),
    ).toBe(true);
  });

  it('a file with the wrong shape exits 2 with file, line and path — never a stack trace', () => {
    const r = cli('lint', fixture('bad-shape.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad-shape\.yaml:13:\d+ steps\.review\.outcomes\.done: /);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a file that is not JSON exits 2 naming the line', () => {
    const r = cli('lint', fixture('not-json.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not-json\.json:\d+:\d+: not valid JSON/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a missing file exits 2', () => {
    const r = cli('lint', fixture('nope.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('nope.json: cannot read (no such file)');
  });

  it('unknown commands and missing arguments exit 2 with usage', () => {
    expect(cli('frobnicate').code).toBe(2);
    expect(cli('lint').code).toBe(2);
    expect(cli('simulate', fixture('simple.yaml')).code).toBe(2);
  });

  it('serve refuses arguments it would ignore: options after "--" are not read as options', () => {
    // `npm start -- --port 4602` habits: starting on the default port instead would surprise.
    const r = cli('serve', '--', '--port', '4602');
    expect(r.code).toBe(2);
    expect(r.err).toContain("'--port'");
    expect(r.err).toContain('--port N');
  });

  it('simulate prints each transition with active steps and owning roles', () => {
    const r = cli(
      'simulate',
      fixture('simple.yaml'),
      '--events',
      fixture('simple-ok.json'),
      '--calendar',
      `${examples}calendar.json`,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('→ open: “Check the refill request” (Nurse');
    expect(r.out).toContain('→ open: “Decide on the refill” (Provider');
    expect(r.out).toContain('Deadline passed on “Decide on the refill”');
    expect(r.out).toContain('→ open: “Decide on the refill” (Nurse');
    expect(r.out).toContain('Ended at “Done” with outcome Answered');
  });

  it('simulate exits 1 with the reason when a scripted event is rejected', () => {
    const r = cli('simulate', fixture('simple.yaml'), '--events', fixture('simple-rejected.json'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('rejected: WRONG_ROLE');
    expect(r.out).toContain("owned by role 'provider', not 'nurse'");
  });

  it('simulate --json reports runs and coverage', () => {
    const r = cli('simulate', fixture('simple.yaml'), '--events', fixture('simple-ok.json'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.runs[0].ok).toBe(true);
    expect(out.coverage.outcomes).toMatchObject({ total: 4, covered: 2 });
  });

  it('schema prints the JSON Schema of the definition format', () => {
    const r = cli('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.out);
    expect(schema.properties.steps).toBeDefined();
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'title', 'roles', 'start', 'steps']));
  });

  it('demo lints and simulates every bundled example', () => {
    const r = cli('demo');
    expect(r.err).toBe('');
    expect(r.out).toContain('portal-message-triage');
    expect(r.out).toMatch(/✓ 9 workflows lint clean/);
    expect(r.code).toBe(0);
  }, 60_000);
});
