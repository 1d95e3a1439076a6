import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../src/parse.ts';
import { verifyReplay } from '../src/replay.ts';
import type { GoldenHistory } from './support/golden.ts';

const dir = new URL('./fixtures/histories/', import.meta.url).pathname;
const load = (file: string): GoldenHistory => JSON.parse(readFileSync(file, 'utf8'));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const alteredFiles = readdirSync(join(dir, 'altered'))
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('golden histories', () => {
  it('there are recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  for (const file of files) {
    it(`${file} replays to exactly the recorded effects and snapshot`, () => {
      const golden = load(join(dir, file));
      const definition = parseDefinition(golden.definition);
      expect(verifyReplay(definition, golden.history, golden.snapshot, golden.effects)).toEqual({ ok: true });
    });
  }

  describe('an altered history fails', () => {
    for (const file of alteredFiles) {
      it(`committed altered copy ${file}`, () => {
        const golden = load(join(dir, 'altered', file));
        const check = verifyReplay(
          parseDefinition(golden.definition),
          golden.history,
          golden.snapshot,
          golden.effects,
        );
        expect(check.ok).toBe(false);
      });
    }

    const golden = load(join(dir, files[0] ?? ''));
    const definition = parseDefinition(golden.definition);
    const alterations: Array<[string, (g: GoldenHistory) => void]> = [
      ['an event removed', (g) => g.history.splice(1, 1)],
      ['events reordered', (g) => g.history.reverse()],
      [
        'a time moved',
        (g) => {
          g.history[g.history.length - 1]!.at = '2031-01-01T00:00:00.000Z';
        },
      ],
      [
        'start data changed',
        (g) => {
          (g.history[0]!.event as { data?: unknown }).data = { altered: true };
        },
      ],
      [
        'a recorded effect changed',
        (g) => {
          g.effects[0] = [];
        },
      ],
      [
        'the final snapshot changed',
        (g) => {
          if (g.snapshot) g.snapshot.context.data = { altered: true };
        },
      ],
    ];
    for (const [name, alter] of alterations) {
      it(name, () => {
        const copy = structuredClone(golden);
        alter(copy);
        expect(verifyReplay(definition, copy.history, copy.snapshot, copy.effects).ok).toBe(false);
      });
    }
  });
});
