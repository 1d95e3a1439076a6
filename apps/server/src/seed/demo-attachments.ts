import type { Store } from '@portalflow/store';
import { storeBytes } from '../files/content-addressed.ts';

/**
 * A one-page PDF with a few lines of text, written by hand (objects, then the cross-reference table
 * with each object's byte offset) so the demo needs no PDF library. Opens in any viewer.
 */
export function demoPdf(lines: readonly string[]): Uint8Array {
  const pdfText = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = lines.map((l, i) => `BT /F1 12 Tf 72 ${740 - i * 18} Td (${pdfText(l)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

/**
 * The statement the front desk attached when it logged each open billing question of the demo, on
 * that first step, so the billing specialist's task shows a file to open. Fictitious, like every
 * demo record. Returns how many files were attached.
 */
export async function seedDemoAttachments(store: Store, dir: string): Promise<number> {
  const open = await store.listInstances({ definitionId: 'billing-question', status: 'active', limit: 50 });
  const frontDesk = await store.findUserByUsername('front-desk');
  if (!frontDesk) return 0;
  let attached = 0;
  for (const summary of open.items) {
    const instance = await store.getInstance(summary.id);
    const data = (instance?.snapshot.context.data ?? {}) as Record<string, unknown>;
    const statement = typeof data.statementNumber === 'string' ? data.statementNumber : null;
    const logged = (await store.listInstanceTasks(summary.id)).find(
      (t) => t.step === 'log-question' && t.status !== 'open',
    );
    if (!instance || !statement || !logged) continue;
    const bytes = demoPdf([
      'Riverside Family Clinic - Patient statement',
      `Statement ${statement}`,
      `Patient reference ${String(data.patient ?? '')}`,
      'Office visit                         $185.00',
      'Insurance payment                      $0.00  (denied: no referral on file)',
      'Balance due                          $185.00',
      '',
      'Demo document: not a real patient.',
    ]);
    const { sha256 } = await storeBytes(dir, bytes, { ownerOnly: true });
    const added = await store.addAttachment(summary.id, {
      taskToken: logged.id.slice(summary.id.length + 1),
      step: 'log-question',
      name: `statement-${statement}.pdf`,
      type: 'application/pdf',
      bytes: bytes.length,
      sha256,
      authorId: frontDesk.id,
      authorRole: 'front-desk',
      at: logged.closedAt ?? instance.updatedAt,
    });
    if (added.ok) attached++;
  }
  return attached;
}
