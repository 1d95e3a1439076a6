import type { InValue, Row, Value } from '@libsql/client';

/** Typed column readers: libSQL rows are loosely typed, the records are not. */
export function text(row: Row, column: string): string {
  const v = row[column];
  return typeof v === 'string' ? v : String(v);
}

export function textOrNull(row: Row, column: string): string | null {
  const v = row[column];
  return v === null || v === undefined ? null : typeof v === 'string' ? v : String(v);
}

export function int(row: Row, column: string): number {
  return Number(row[column] as Value);
}

export function flag(row: Row, column: string): boolean {
  return Number(row[column] as Value) === 1;
}

export function json(row: Row, column: string): unknown {
  const v = textOrNull(row, column);
  return v === null ? null : JSON.parse(v);
}

/** `?, ?, ?` for an IN list. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** Conditions built up one filter at a time, with their arguments in order. */
export class Conditions {
  readonly parts: string[] = [];
  readonly args: InValue[] = [];

  add(sql: string, ...args: InValue[]): this {
    this.parts.push(sql);
    this.args.push(...args);
    return this;
  }
}
