import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIND } from '@portalflow/diagram';
import { afterAll, describe, expect, it } from 'vitest';
import { validateBpmn } from '../../bpmn/test/support/xmllint.ts';
import { binArgs } from './support/bin.ts';

const examples = new URL('../../../examples/workflows/', import.meta.url).pathname;
const fixtures = new URL('../../bpmn/test/fixtures/', import.meta.url).pathname;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [...binArgs, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

// Each case spawns the real binary (a TypeScript start-up of a second or two on a busy machine).
describe('portalflow export --format bpmn / import', { timeout: 30_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'portalflow-cli-bpmn-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('export writes BPMN to -o; import of that file gives the definition back and exits 0', () => {
    const out = join(dir, 'refill.bpmn');
    const exported = cli('export', `${examples}prescription-refill.json`, '--format', 'bpmn', '-o', out);
    expect(exported.err).toContain(`wrote ${out}`);
    expect(exported.code).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<bpmn:definitions /);

    const imported = cli('import', out, '-o', join(dir, 'refill.json'));
    expect(imported.out).toContain('Imported "Prescription refill request"');
    expect(imported.out).toContain('Nothing was skipped.');
    expect(imported.code).toBe(0);
    const original = JSON.parse(readFileSync(`${examples}prescription-refill.json`, 'utf8'));
    expect(JSON.parse(readFileSync(join(dir, 'refill.json'), 'utf8'))).toEqual(original);
  });

  it('export --pools department writes one pool per department that validates and imports back exactly', () => {
    const out = join(dir, 'refill-pools.bpmn');
    const exported = cli(
      'export',
      `${examples}prescription-refill.json`,
      '--format',
      'bpmn',
      '--pools',
      'department',
      '-o',
      out,
    );
    expect(exported.code).toBe(0);
    const xml = readFileSync(out, 'utf8');
    const original = JSON.parse(readFileSync(`${examples}prescription-refill.json`, 'utf8'));
    const departments = new Set(original.roles.map((r: { department?: string }) => r.department));
    expect(xml.match(/<bpmn:participant /g)).toHaveLength(departments.size);
    expect(xml).toMatch(/<bpmn:messageFlow /);
    expect(validateBpmn({ 'refill-pools.bpmn': xml }).ok).toBe(true);
    const imported = cli('import', out, '-o', join(dir, 'refill-pools.json'));
    expect(imported.out).toContain('Nothing was skipped.');
    expect(imported.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'refill-pools.json'), 'utf8'))).toEqual(original);
    // The default is one pool.
    expect(
      cli('export', `${examples}prescription-refill.json`).out.match(/<bpmn:participant /g),
    ).toHaveLength(1);
  });

  it('import of a collaboration keeps every pool: its lanes as roles, message flows as handoffs', () => {
    const r = cli('import', '--json', `${fixtures}collaboration-specialist-referral.bpmn`);
    const report = JSON.parse(r.out);
    expect(report.definition.roles.map((x: { name: string }) => x.name)).toEqual([
      'Patient',
      'Referral coordinator',
      'Front desk',
      'Specialist',
      'Scheduler',
    ]);
    expect(report.definition.steps['send-the-referral'].outcomes).toEqual({
      'referral-received': 'review-the-referral',
    });
    expect(report.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    // Only the message to the patient (a black box) has no equivalent.
    expect(report.skipped.map((s: { id: string }) => s.id)).toEqual(['MessageFlow_patient']);
    expect(r.code).toBe(1);
  });

  it('export prints to stdout without -o, and takes a stored layout with --layout', () => {
    const layout = join(dir, 'layout.json');
    const r = cli('export', `${examples}password-reset.json`, '--format', 'bpmn');
    expect(r.code).toBe(0);
    expect(r.out).toContain('<bpmn:process id="process"');
    expect(r.err).toBe('');
    // Every step needs a position for a stored layout to be used: move the start task far right.
    const imported = JSON.parse(cli('import', '--json', `${fixtures}signavio-enrollment.bpmn`).out);
    const definition = join(dir, 'enrollment.json');
    writeFileSync(definition, JSON.stringify(imported.definition));
    imported.layout.positions['verify-identity-at-the-desk'].x = 1000;
    writeFileSync(layout, JSON.stringify(imported.layout));
    const moved = cli('export', definition, '--format', 'bpmn', '--layout', layout);
    expect(moved.code).toBe(0);
    // Diagram x of the task: its box centre (1000 + half a task's width − the 168 lane header) / 1.5
    // + 90, minus half the BPMN task's 100 width.
    const x = Math.round(((1000 + KIND.task.width / 2 - 168) / 1.5 + 90 - 50) * 100) / 100;
    expect(moved.out).toMatch(
      new RegExp(`bpmnElement="verify-identity-at-the-desk">\\s*<dc:Bounds x="${x}"`),
    );
  });

  it('import of a foreign file prints the definition on stdout and the skipped elements on stderr, exit 1', () => {
    const r = cli('import', `${fixtures}bpmnjs-lab-results.bpmn`);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).title).toBe('Lab result release');
    expect(r.err).toContain('Skipped 8 elements that portalflow does not model:');
    expect(r.err).toMatch(/subProcess\s+Activity_call_critical\s+sub-processes are not modelled/);
    expect(r.err).toMatch(/messageFlow\s+Flow_msg_patient\s+a message to 'Patient'/);
    noStack(r.err);
  });

  it('import --json prints the definition, the layout and the report together', () => {
    const r = cli('import', '--json', `${fixtures}camunda-refill.bpmn`);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(Object.keys(report)).toEqual(['definition', 'layout', 'skipped', 'warnings', 'findings']);
    expect(report.definition.roles.map((x: { id: string }) => x.id)).toEqual([
      'refill-coordinator',
      'triage-nurse',
      'provider',
    ]);
    expect(report.skipped).toContainEqual({
      id: 'Activity_notify_erx',
      kind: 'callActivity',
      reason: 'call activities are not modelled: the flow passes straight through',
    });
    expect(Object.keys(report.layout.positions).length).toBe(Object.keys(report.definition.steps).length);
  });

  it('malformed XML exits 2 with file, line and column, never a stack trace', () => {
    const bad = join(dir, 'bad.bpmn');
    writeFileSync(bad, '<?xml version="1.0"?>\n<definitions>\n  <process>\n</definitions>\n');
    const r = cli('import', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.bpmn:4:\d+: not well-formed XML/);
    noStack(r.err);
    const json = cli('import', '--json', bad);
    expect(JSON.parse(json.out).error.code).toBe('BPMN_XML_MALFORMED');
  });

  it('XML that is not BPMN, and a JSON file given to import, exit 2 with a clear message', () => {
    const svg = join(dir, 'picture.bpmn');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const r = cli('import', svg);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not a BPMN 2.0 file');
    const json = cli('import', `${examples}proxy-access.json`);
    expect(json.code).toBe(2);
    expect(json.err).toContain("proxy-access.json:1:1: not XML: the file starts with '{'");
  });

  it('usage errors exit 2: unknown format, missing file, no argument', () => {
    expect(cli('export', `${examples}proxy-access.json`, '--format', 'pdf').code).toBe(2);
    const pools = cli('export', `${examples}proxy-access.json`, '--pools', 'lanes');
    expect(pools.code).toBe(2);
    expect(pools.err).toContain("unknown --pools 'lanes': use single or department");
    const missing = cli('import', join(dir, 'nope.bpmn'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file');
    expect(cli('import').code).toBe(2);
    expect(cli('export').code).toBe(2);
  });
});
