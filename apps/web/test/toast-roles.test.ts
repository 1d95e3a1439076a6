import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { announced } from '../src/shell/notifications.ts';

const src = new URL('../src/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('how a toast is announced', () => {
  it('a confirmation waits for what the screen reader is saying; only a failure interrupts', () => {
    expect(announced({ color: 'teal', title: 'Claimed', message: 'x' }).role).toBe('status');
    expect(announced({ color: 'gray', title: 'Released', message: 'x' }).role).toBe('status');
    expect(announced({ color: 'grape', title: 'Practice run', message: 'x' }).role).toBe('status');
    expect(announced({ title: 'Saved', message: 'x' }).role).toBe('status');
    expect(announced({ color: 'red', title: 'Could not claim the task', message: 'x' }).role).toBe('alert');
    expect(announced({ color: 'orange', title: 'Claimed by someone else', message: 'x' }).role).toBe('alert');
  });

  it('every toast of the app goes through that rule', () => {
    const direct = files(src)
      .filter((f) => !f.endsWith(join('shell', 'notifications.ts')))
      .filter((f) =>
        /import \{[^}]*\bnotifications\b[^}]*\} from '@mantine\/notifications'/.test(readFileSync(f, 'utf8')),
      )
      .map((f) => relative(src, f));
    expect(direct).toEqual([]);
  });
});
