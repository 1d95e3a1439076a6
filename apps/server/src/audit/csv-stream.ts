import { csvLine, csvText } from '@portalflow/engine/text';

/** One page of CSV rows, and where the next page starts (null: this was the last). */
export interface CsvPage {
  rows: unknown[][];
  next: string | null;
}

/**
 * A CSV file of any length as a stream: the byte order mark and header first, then one page of rows
 * each time the reader is ready for more. Only the page being written is held, so a year of the access
 * log costs the server no more memory than a day of it; a reader that stops reading stops the reads.
 * Cells go through the one CSV writer (formulas kept out).
 */
export function csvStream(
  header: readonly unknown[],
  page: (cursor: string | null) => Promise<CsvPage>,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}\n`));
          return;
        }
        try {
          const { rows, next } = await page(cursor);
          if (rows.length > 0) controller.enqueue(encoder.encode(csvText(rows)));
          cursor = next;
          if (next === null) controller.close();
        } catch (error) {
          // The answer has begun (200): a file cut short must not look whole, so the download fails.
          onError(error);
          controller.error(error);
        }
      },
    },
    { highWaterMark: 1 },
  );
}
