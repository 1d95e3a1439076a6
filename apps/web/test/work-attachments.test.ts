import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '@portalflow/contract';
import { describe, expect, it } from 'vitest';
import {
  attachRefusalText,
  fileSummary,
  sizeText,
  typeText,
} from '../src/work/attachments/attachmentText.ts';
import { downloadHref } from '../src/work/attachments/downloadLink.ts';
import { ACCEPT, checkFile, HEAD_BYTES, sniffType } from '../src/work/attachments/fileCheck.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const PDF = bytes('%PDF-1.4\n');
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('sizeText', () => {
  it('says bytes, KB and MB as a file’s properties would', () => {
    expect(sizeText(0)).toBe('0 bytes');
    expect(sizeText(1)).toBe('1 byte');
    expect(sizeText(1023)).toBe('1023 bytes');
    expect(sizeText(1024)).toBe('1 KB');
    expect(sizeText(182 * 1024 + 300)).toBe('182 KB');
    expect(sizeText(1.4 * 1024 * 1024)).toBe('1.4 MB');
    expect(sizeText(12.6 * 1024 * 1024)).toBe('13 MB');
  });

  it('never says "1024 KB" or "1.0 MB"', () => {
    expect(sizeText(1024 * 1024 - 1)).toBe('1 MB');
    expect(sizeText(1024 * 1024)).toBe('1 MB');
  });

  it('reads the contract’s limit as 10 MB', () => {
    expect(sizeText(ATTACHMENT_MAX_BYTES)).toBe('10 MB');
  });

  it('says so when the size makes no sense', () => {
    expect(sizeText(-1)).toBe('size unknown');
    expect(sizeText(Number.NaN)).toBe('size unknown');
  });
});

describe('typeText and fileSummary', () => {
  it('names every type the contract allows in words', () => {
    expect(ATTACHMENT_TYPES.map(typeText)).toEqual(['PDF', 'JPEG image', 'PNG image']);
    expect(typeText('application/zip')).toBe('application/zip');
  });

  it('says kind and size together', () => {
    expect(fileSummary({ type: 'application/pdf', bytes: 182 * 1024 })).toBe('PDF · 182 KB');
    expect(fileSummary({ type: 'image/jpeg', bytes: 2.1 * 1024 * 1024 })).toBe('JPEG image · 2.1 MB');
  });
});

describe('sniffType', () => {
  it('reads PDF, JPEG and PNG from their first bytes', () => {
    expect(sniffType(PDF)).toBe('application/pdf');
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(PNG)).toBe('image/png');
  });

  it('knows nothing else, however short or named', () => {
    expect(sniffType(bytes('Dear Dr Smith,'))).toBeNull();
    expect(sniffType(bytes('PK\u0003\u0004'))).toBeNull(); // a Word file
    expect(sniffType(PNG.slice(0, 4))).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
  });

  it('needs no more than the bytes the page reads', () => {
    expect(HEAD_BYTES).toBeGreaterThanOrEqual(PNG.length);
  });
});

describe('checkFile', () => {
  const file = (name: string, size: number, type = '') => ({ name, size, type });

  it('lets a real PDF, JPEG or PNG through with the type from its bytes', () => {
    expect(checkFile(file('statement.pdf', 180_000, 'application/pdf'), PDF)).toEqual({
      ok: true,
      type: 'application/pdf',
    });
    // A phone photo whose name says nothing.
    expect(checkFile(file('IMG_0042', 2_000_000), JPEG)).toEqual({ ok: true, type: 'image/jpeg' });
    expect(checkFile(file('scan.PNG', 500_000, 'image/png'), PNG)).toEqual({ ok: true, type: 'image/png' });
  });

  it('refuses a file over the limit, saying both sizes', () => {
    const r = checkFile(file('referral.pdf', ATTACHMENT_MAX_BYTES + 1), PDF);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toMatch(/^“referral\.pdf” is just over 10 MB; files up to 10 MB can be attached\./);
    const big = checkFile(file('scan.jpg', 14 * 1024 * 1024), JPEG);
    if (!big.ok) expect(big.message).toContain('is 14 MB; files up to 10 MB');
    expect(checkFile(file('scan.jpg', ATTACHMENT_MAX_BYTES), JPEG).ok).toBe(true);
  });

  it('takes a lower limit when given one', () => {
    expect(checkFile(file('scan.jpg', 3 * 1024 * 1024), JPEG, 2 * 1024 * 1024).ok).toBe(false);
  });

  it('refuses an empty file', () => {
    const r = checkFile(file('statement.pdf', 0), new Uint8Array());
    expect(r).toEqual({
      ok: false,
      message: '“statement.pdf” is empty. Choose it again, or scan the paper again.',
    });
  });

  it('refuses a file named like a PDF whose contents are not one', () => {
    const r = checkFile(file('statement.pdf', 40, 'application/pdf'), bytes('Balance due: $120'));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toMatch(/^“statement\.pdf” is named like a PDF, but its contents are not one/);
    const photo = checkFile(file('letter.jpeg', 40), bytes('<html>'));
    if (!photo.ok) expect(photo.message).toContain('named like a JPEG image');
  });

  it('refuses other kinds of file, saying which are allowed', () => {
    const r = checkFile(
      file('letter.docx', 30_000, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      bytes('PK\u0003\u0004'),
    );
    expect(r).toEqual({
      ok: false,
      message:
        '“letter.docx” cannot be attached: only PDF, JPEG or PNG files can. Save or print it as a PDF, or take a photo of the paper.',
    });
  });

  it('offers the allowed types in the file chooser by type and by extension', () => {
    expect(ACCEPT.split(',')).toEqual([...ATTACHMENT_TYPES, '.pdf', '.jpg', '.jpeg', '.png']);
  });
});

describe('attachRefusalText', () => {
  it('says the server’s limit in MB, with what to do', () => {
    expect(
      attachRefusalText({
        code: 'ATTACHMENT_TOO_LARGE',
        message: 'Attachments are limited to 5 MB',
        details: { limitBytes: 5 * 1024 * 1024 },
      }),
    ).toMatch(/^The file is larger than the 5 MB this clinic allows\. Scan it at a lower resolution/);
    expect(
      attachRefusalText({
        code: 'ATTACHMENT_TOO_LARGE',
        message: 'Attachments are limited to 2097152 bytes',
      }),
    ).toMatch(/the 2 MB this clinic allows/);
    expect(attachRefusalText({ code: 'ATTACHMENT_TOO_LARGE', message: 'Too large' })).toBe('Too large');
  });

  it('keeps the server’s message for a file that is not what its name says, and says what to do', () => {
    expect(
      attachRefusalText({
        code: 'ATTACHMENT_TYPE_UNSUPPORTED',
        message: 'Attach a PDF, JPEG or PNG file (this one is none of them, whatever its name says)',
      }),
    ).toBe(
      'Attach a PDF, JPEG or PNG file (this one is none of them, whatever its name says). Open it and save or print it as a PDF, then attach that.',
    );
    expect(
      attachRefusalText({ code: 'ATTACHMENT_TYPE_UNSUPPORTED', message: 'Attach a PDF, JPEG or PNG file.' }),
    ).toBe('Attach a PDF, JPEG or PNG file. Open it and save or print it as a PDF, then attach that.');
  });

  it('speaks of files, not notes, when the request or step has ended', () => {
    expect(
      attachRefusalText({
        code: 'REQUEST_CLOSED',
        message: 'This request has ended; its notes can be read but not changed',
      }),
    ).toBe('This request has ended, so no more files can be attached to it.');
    expect(attachRefusalText({ code: 'TASK_CLOSED', message: 'This task is already closed' })).toContain(
      'This step was finished meanwhile',
    );
  });

  it('shows the server’s words when the request holds as many files as it may: the limit and what to do', () => {
    const message =
      'This request already holds 50 files, the most one request can hold. Take one off first (a duplicate or an outdated scan), or combine pages into one PDF.';
    expect(attachRefusalText({ code: 'TOO_MANY_FILES', message, details: { limit: 50 } })).toBe(message);
  });

  it('shows any other refusal as the server words it', () => {
    expect(attachRefusalText({ code: 'RATE_LIMITED', message: 'Too many requests; slow down' })).toBe(
      'Too many requests; slow down',
    );
    expect(
      attachRefusalText({ code: 'FORBIDDEN', message: 'Auditors read attachments but do not add them' }),
    ).toBe('Auditors read attachments but do not add them');
  });
});

describe('downloadHref', () => {
  it('is the contract’s download route with ids only, each encoded', () => {
    expect(downloadHref({ instanceId: 'inst-1', id: 'att-2' })).toBe(
      '/api/instances/inst-1/attachments/att-2',
    );
    expect(downloadHref({ instanceId: 'a/b', id: 'c?d' })).toBe('/api/instances/a%2Fb/attachments/c%3Fd');
  });
});
