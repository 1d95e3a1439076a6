import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Definition, DefinitionSchema } from './definition.ts';
import { PortalflowError } from './errors.ts';

export interface DefinitionIssue {
  /** Where in the definition, e.g. `steps.classify.outcomes.clinical` (empty for the whole file). */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export interface ParseOptions {
  /** Shown in messages; `.yaml`/`.yml` selects YAML, anything else is read as JSON first. */
  filename?: string;
}

const isYaml = (name: string | undefined) => !!name && /\.ya?ml$/i.test(name);

function issuesFromZod(error: z.ZodError): DefinitionIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) path.push(issue.keys[0]!);
    return { path: path.join('.'), message: issue.message };
  });
}

function lineOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Finds where a definition path (`steps.classify.outcomes`) is written in source text; a missing key points at its parent. */
export function locatePaths(
  text: string,
  paths: readonly string[],
): Array<{ line: number; column: number } | undefined> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return paths.map((path) => {
    const keys = path === '' ? [] : path.split('.');
    for (let n = keys.length; n >= 0; n--) {
      const node = doc.getIn(
        keys.slice(0, n).map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
        true,
      );
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return undefined;
  });
}

function locate(text: string, issues: DefinitionIssue[]): void {
  const found = locatePaths(
    text,
    issues.map((i) => i.path),
  );
  issues.forEach((issue, i) => {
    const at = found[i];
    if (at) {
      issue.line = at.line;
      issue.column = at.column;
    }
  });
}

function fail(filename: string | undefined, issues: DefinitionIssue[]): never {
  const where = (i: DefinitionIssue) =>
    `${filename ?? 'definition'}${i.line !== undefined ? `:${i.line}:${i.column}` : ''}${i.path ? ` ${i.path}` : ''}`;
  const first = issues[0]!;
  throw new PortalflowError('DEFINITION_INVALID', `${where(first)}: ${first.message}`, {
    issues: issues.map((i) => ({ ...i, where: where(i) })),
  });
}

/** Validates a definition given as a value (already parsed JSON). */
export function parseDefinition(input: unknown, options: ParseOptions = {}): Definition {
  const parsed = DefinitionSchema.safeParse(input);
  if (!parsed.success) fail(options.filename, issuesFromZod(parsed.error));
  return parsed.data;
}

/** Parses definition text (JSON or YAML). Errors name the file, line, column and path. */
export function parseDefinitionText(text: string, options: ParseOptions = {}): Definition {
  let value: unknown;
  if (isYaml(options.filename)) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
    const error = doc.errors[0];
    if (error) {
      const pos = lineCounter.linePos(error.pos[0]);
      fail(options.filename, [
        { path: '', message: error.message.split('\n')[0]!, line: pos.line, column: pos.col },
      ]);
    }
    try {
      value = doc.toJS();
    } catch (error) {
      // Unresolved or runaway aliases (`*x`, alias bombs) fail only when the document is built.
      fail(options.filename, [
        { path: '', message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` },
      ]);
    }
  } else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const at = /position (\d+)/.exec(message);
      const issue: DefinitionIssue = {
        path: '',
        message: `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
      };
      const offset = at ? Number(at[1]) : /end of JSON/i.test(message) ? text.length : undefined;
      if (offset !== undefined) Object.assign(issue, lineOf(text, offset));
      fail(options.filename, [issue]);
    }
  }
  const parsed = DefinitionSchema.safeParse(value);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    locate(text, issues);
    fail(options.filename, issues);
  }
  return parsed.data;
}
