import { canonicalJson } from '@portalflow/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EventFields,
  eventHash,
  GENESIS_HASH,
  hashInput,
  type StoredEvent,
  sha256Hex,
  verifyChain,
} from '../src/index.ts';

function chain(instanceId: string, payloads: unknown[]): StoredEvent[] {
  const rows: StoredEvent[] = [];
  let prevHash = GENESIS_HASH;
  payloads.forEach((payload, i) => {
    const fields: EventFields = {
      instanceId,
      seq: i + 1,
      at: `2026-03-02T16:0${i % 10}:00.000Z`,
      actor: i % 2 ? 'ana' : null,
      role: 'nurse',
      type: 'complete',
      payload,
      prevHash,
    };
    const hash = eventHash(fields);
    rows.push({ ...fields, payload: canonicalJson(payload), hash });
    prevHash = hash;
  });
  return rows;
}

describe('event hashes', () => {
  it('is SHA-256 of the canonical JSON of the fields, hex', () => {
    const fields: EventFields = {
      instanceId: 'i',
      seq: 1,
      at: 'T',
      actor: null,
      role: null,
      type: 'start',
      payload: { b: 1, a: [true] },
      prevHash: GENESIS_HASH,
    };
    const expected = sha256Hex(
      '{"actor":null,"at":"T","instanceId":"i","payload":{"a":[true],"b":1},"prevHash":"' +
        GENESIS_HASH +
        '","role":null,"seq":1,"type":"start"}',
    );
    expect(eventHash(fields)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('builds the same text from stored canonical payloads as canonicalJson does from the fields', () => {
    fc.assert(
      fc.property(
        fc.record({
          instanceId: fc.string({ minLength: 1 }),
          seq: fc.nat(),
          at: fc.string(),
          actor: fc.option(fc.string()),
          role: fc.option(fc.string()),
          type: fc.string(),
          payload: fc.jsonValue(),
          prevHash: fc.string(),
        }),
        (fields) => {
          const payload = JSON.parse(JSON.stringify(fields.payload)) as unknown;
          const f = { ...fields, payload };
          expect(hashInput(f, canonicalJson(payload))).toBe(canonicalJson(f));
        },
      ),
    );
  });
});

describe('verifyChain', () => {
  const rows = chain('i-1', [{ a: 1 }, { b: 'é' }, { c: [1, 2] }, {}]);

  it('accepts an intact history and an empty one', () => {
    expect(verifyChain(rows)).toEqual({ ok: true, count: 4, lastHash: rows[3]!.hash });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
  });

  it('names the instance and seq of an edited event', () => {
    const edited = rows.map((r) => (r.seq === 3 ? { ...r, payload: '{"c":[1,3]}' } : r));
    expect(verifyChain(edited)).toMatchObject({
      ok: false,
      instanceId: 'i-1',
      seq: 3,
      fault: 'hash-mismatch',
    });
    const reformatted = rows.map((r) => (r.seq === 3 ? { ...r, payload: '{ "c": [1, 2] }' } : r));
    expect(verifyChain(reformatted)).toMatchObject({ ok: true });
    const actor = rows.map((r) => (r.seq === 2 ? { ...r, actor: 'mallory' } : r));
    expect(verifyChain(actor)).toMatchObject({ ok: false, seq: 2, fault: 'hash-mismatch' });
  });

  it('finds broken links, gaps, reordering and foreign events', () => {
    expect(verifyChain(rows.map((r) => (r.seq === 2 ? { ...r, prevHash: GENESIS_HASH } : r)))).toMatchObject({
      seq: 2,
      fault: 'broken-link',
    });
    expect(verifyChain([rows[0]!, rows[2]!, rows[3]!])).toMatchObject({ seq: 3, fault: 'sequence-gap' });
    expect(verifyChain([rows[1]!, rows[0]!])).toMatchObject({ seq: 2, fault: 'sequence-gap' });
    expect(verifyChain([rows[0]!, { ...chain('i-2', [{}, {}])[1]! }])).toMatchObject({
      seq: 2,
      fault: 'wrong-instance',
    });
  });
});
