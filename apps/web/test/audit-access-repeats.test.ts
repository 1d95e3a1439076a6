import { describe, expect, it } from 'vitest';
import { accessText, repeatsText } from '../src/audit/accessText.ts';

/** The access log's own rows, and a row folding repeated reads, in words. */
describe('the access log about itself and about repeats', () => {
  const read = { outcome: 'allow' as const, dataCategory: 'access-log', stepTitle: null };

  it('names a narrowing to one patient by how many requests it found, never the reference', () => {
    const row = {
      ...read,
      action: 'POST /api/audit/access-log/search',
      detail: 'by patient reference: 2 instances (a1, b2)',
    };
    expect(accessText(row)).toBe('Read the access log of one patient: 2 requests found');
  });

  it('names a narrowing to one request by the request', () => {
    const row = {
      ...read,
      action: 'GET /api/audit/access-log',
      detail: null,
      workflowTitle: 'Prior authorization',
      reference: 'DEMO-5016',
    };
    expect(accessText(row)).toBe('Read who opened Prior authorization · DEMO-5016');
    expect(accessText({ ...row, workflowTitle: null, reference: null })).toBe('Read the access log');
  });

  it('says how many times and from when to when, the day once', () => {
    const format = (iso: string) => (iso.endsWith('14') ? 'Today 2:14:05 PM' : 'Today 2:19:40 PM');
    expect(repeatsText({ count: 5, firstAt: 'x14', lastAt: 'x19' }, format)).toBe(
      '5 times, Today 2:14:05 PM – 2:19:40 PM',
    );
    expect(repeatsText({ count: 3, firstAt: 'x14', lastAt: 'y14' }, format)).toBe(
      '3 times at Today 2:14:05 PM',
    );
    const days = (iso: string) => (iso.endsWith('14') ? 'Sat 11:58:00 PM' : 'Sun 12:03:00 AM');
    expect(repeatsText({ count: 2, firstAt: 'x14', lastAt: 'x19' }, days)).toBe(
      '2 times, Sat 11:58:00 PM – Sun 12:03:00 AM',
    );
  });
});
