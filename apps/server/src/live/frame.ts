const CRLF = Buffer.from('\r\n');

/**
 * One Server-Sent Events frame, encoded once for every connection that gets it. Its HTTP/1.1 chunk
 * form (`size CRLF bytes CRLF`) is also made once, on first use, for writing straight to sockets.
 */
export class Frame {
  readonly bytes: Buffer;
  #chunk: Buffer | undefined;

  constructor(text: string) {
    this.bytes = Buffer.from(text);
  }

  get chunk(): Buffer {
    this.#chunk ??= Buffer.concat([Buffer.from(`${this.bytes.length.toString(16)}\r\n`), this.bytes, CRLF]);
    return this.#chunk;
  }
}

/** `id:` (when given), `event:` and one `data:` line of JSON. */
export function eventFrame(event: string, data: unknown, id?: number | string): Frame {
  return new Frame(
    `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`,
  );
}

/** A comment line: keeps idle connections (and the proxies between) open. */
export const HEARTBEAT = new Frame(': keep-alive\n\n');
