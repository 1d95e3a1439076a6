import { describe, expect, it } from 'vitest';
import { BpmnError, BpmnErrorCode, fromBpmn, toBpmn } from '../src/index.ts';
import { validateBpmn } from './support/xmllint.ts';

function failure(xml: string): BpmnError {
  try {
    fromBpmn(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(BpmnError);
    return error as BpmnError;
  }
  throw new Error('expected the import to fail');
}

describe('files that cannot be imported fail with a code and a place', () => {
  it('malformed XML: the code, the line and the column of the problem', () => {
    const e = failure(
      '<?xml version="1.0"?>\n<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">\n  <process id="p">\n  </proces>\n</definitions>',
    );
    expect(e.code).toBe(BpmnErrorCode.XML_MALFORMED);
    expect(e.line).toBe(4);
    expect(e.column).toBeGreaterThan(1);
    expect(e.message).toMatch(/^line 4, column \d+: not well-formed XML/);
  });

  it('an undeclared prefix is malformed too', () => {
    const e = failure('<bpmn:definitions><bpmn:process id="p"/></bpmn:definitions>');
    expect(e.code).toBe(BpmnErrorCode.XML_MALFORMED);
    expect(e.line).toBe(1);
  });

  it('text that is not XML at all', () => {
    const e = failure('{"id": "not-xml"}');
    expect(e.code).toBe(BpmnErrorCode.XML_MALFORMED);
    expect(e.line).toBe(1);
  });

  it('an empty file', () => {
    expect(failure('').code).toBe(BpmnErrorCode.XML_MALFORMED);
  });

  it('XML that is not BPMN names the root it found, with its place', () => {
    const e = failure('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>');
    expect(e.code).toBe(BpmnErrorCode.NOT_BPMN);
    expect(e.message).toContain('{http://www.w3.org/2000/svg}svg');
    expect(e.line).toBe(2);
  });

  it('a BPMN-looking file in the wrong namespace is not BPMN 2.0', () => {
    const e = failure(
      '<definitions xmlns="http://schema.omg.org/spec/BPMN/2.0"><process id="p"/></definitions>',
    );
    expect(e.code).toBe(BpmnErrorCode.NOT_BPMN);
  });

  it('a BPMN file with only black-box pools has no process to import', () => {
    const e = failure(
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:collaboration id="c"><bpmn:participant id="p" name="Patient"/></bpmn:collaboration></bpmn:definitions>',
    );
    expect(e.code).toBe(BpmnErrorCode.NO_PROCESS);
    expect(e.toJSON()).toEqual({ code: 'BPMN_NO_PROCESS', message: expect.stringContaining('black-box') });
  });

  it('an empty process is a valid, empty workflow', () => {
    const r = fromBpmn(
      '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><process id="Empty_1" name="Empty"/></definitions>',
    );
    expect(r.definition).toEqual({ id: 'empty', title: 'Empty', roles: [], start: 'start', steps: {} });
  });

  it('entities cannot reach outside the file', () => {
    const e = failure(
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&x;"/></definitions>',
    );
    expect(e.code).toBe(BpmnErrorCode.XML_MALFORMED);
  });

  it('the schema check fails loudly, with the install command, when xmllint is missing', () => {
    const xml = toBpmn({ id: 'w', title: 'W', roles: [], start: 'e', steps: { e: { type: 'end' } } });
    expect(validateBpmn({ 'w.bpmn': xml }).ok).toBe(true);
    expect(() => validateBpmn({ 'w.bpmn': xml }, { PATH: '/nonexistent' })).toThrow(
      /xmllint is not installed.*apt-get install -y libxml2-utils/,
    );
  });

  it('the schema check catches an invalid file (so a passing check means something)', () => {
    const bad = toBpmn({ id: 'w', title: 'W', roles: [], start: 'e', steps: { e: { type: 'end' } } }).replace(
      '<bpmn:endEvent id="e"',
      '<bpmn:endEvent id="e" cancelActivity="maybe"',
    );
    const check = validateBpmn({ 'bad.bpmn': bad });
    expect(check.ok).toBe(false);
    expect(check.output).toMatch(/fails to validate/);
  });
});
