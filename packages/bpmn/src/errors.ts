/**
 * One error type for files that cannot be imported at all. Everything else (elements that do not
 * map) is reported, never thrown.
 */
export const BpmnErrorCode = {
  /** The text is not well-formed XML; line and column point at the problem. */
  XML_MALFORMED: 'BPMN_XML_MALFORMED',
  /** Well-formed XML, but its root is not a BPMN 2.0 `definitions` element. */
  NOT_BPMN: 'BPMN_NOT_BPMN',
  /** A BPMN file without any process to import (only black-box pools, or nothing at all). */
  NO_PROCESS: 'BPMN_NO_PROCESS',
} as const;
export type BpmnErrorCode = (typeof BpmnErrorCode)[keyof typeof BpmnErrorCode];

export class BpmnError extends Error {
  readonly code: BpmnErrorCode;
  /** 1-based line and column where the problem was found, when known. */
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(code: BpmnErrorCode, message: string, at?: { line: number; column: number }) {
    super(at ? `line ${at.line}, column ${at.column}: ${message}` : message);
    this.name = 'BpmnError';
    this.code = code;
    this.line = at?.line;
    this.column = at?.column;
  }
  toJSON(): { code: BpmnErrorCode; message: string; line?: number; column?: number } {
    return this.line === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, line: this.line, column: this.column ?? 0 };
  }
}
