import { ApiError } from './client.ts';

/**
 * What the server said about one field of a refused form, worded for under that field: the field's
 * name is its label there already, so only the problem is shown ("At most 200 characters (you sent
 * 239)"). Undefined when the refusal is not about that field.
 */
export function fieldProblem(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.fields.find((f) => f.path === path);
  if (!found) return undefined;
  const prefix = `${found.field}: `;
  const problem = found.message.startsWith(prefix) ? found.message.slice(prefix.length) : found.message;
  return problem.charAt(0).toUpperCase() + problem.slice(1);
}
