import { countOf } from '../shell/plural.ts';
import { thePool } from './thePool.ts';

/**
 * The sentence of the toast after starting a request: where its first task waits ("… is in the Front
 * desk receptionist pool, with 2 files attached."), or that it has started when it begins with a wait.
 */
export function startedText(label: string, pool: string | null | undefined, files = 0): string {
  const where = pool ? `is in ${thePool(pool)}` : 'has started';
  const attached = files > 0 ? `, with ${countOf(files, 'file')} attached` : '';
  return `${label} ${where}${attached}.`;
}
