import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDoc } from '../scripts/format-doc.ts';

describe('docs/format.md', () => {
  it('is the introduction plus the reference generated from the current schemas (`pnpm docs` rewrites it)', () => {
    const onDisk = readFileSync(new URL('../../../docs/format.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(formatDoc());
  });

  it('lists every step kind and every definition field the schema accepts', () => {
    const doc = formatDoc();
    for (const kind of ['task', 'decision', 'parallel', 'wait', 'end'])
      expect(doc).toContain(`### Step: \`${kind}\``);
    for (const field of ['escalateTo', 'goTo', 'otherwise', 'join', 'signal', 'holidays', 'timeZone'])
      expect(doc).toMatch(new RegExp(`\\| \`${field}\` +\\|`));
  });
});
