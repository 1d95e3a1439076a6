import { readFileSync } from 'node:fs';
import { type Definition, locatePaths, PortalflowError, parseDefinitionText } from '@portalflow/engine';
import { parse as parseYaml } from 'yaml';
import { CliError, EXIT } from './exit.ts';

// Kept in a file of their own so that `main.ts` starts without loading the engine (see exit.ts).
export { CliError, EXIT } from './exit.ts';

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliError(`${file}: cannot read (${reason})`, EXIT.usage, 'UNREADABLE');
  }
}

export interface LoadedDefinition {
  file: string;
  text: string;
  definition: Definition;
}

/** Reads and validates a definition file; a bad file is a usage error (exit 2) naming file, line and path. */
export function loadDefinition(file: string): LoadedDefinition {
  const text = readText(file);
  try {
    return { file, text, definition: parseDefinitionText(text, { filename: file }) };
  } catch (error) {
    if (error instanceof PortalflowError) throw new CliError(error.message, EXIT.usage, error.code);
    throw error;
  }
}

/** Reads JSON or YAML data (scripts, calendars). */
export function loadData(file: string): unknown {
  const text = readText(file);
  try {
    return /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
      EXIT.usage,
      'UNREADABLE',
    );
  }
}

export function lineOf(text: string, path: string): number | undefined {
  return locatePaths(text, [path])[0]?.line;
}
