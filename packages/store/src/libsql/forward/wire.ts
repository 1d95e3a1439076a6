import type { Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';

/**
 * Messages between a process and the file's writer: a 4-byte length, then the message in V8's
 * serialization (the structured clone the write thread's messages already use), so bigints, byte
 * arrays and nulls cross exactly as they are bound.
 */
export function send(socket: Socket, message: unknown): boolean {
  const body = serialize(message);
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32BE(body.length, 0);
  return socket.write(Buffer.concat([head, body]));
}

/** Calls `onMessage` for each whole message as the socket's bytes arrive, in order. */
export function receive(socket: Socket, onMessage: (message: unknown) => void): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (pending.length < 4 + length) break;
      const body = pending.subarray(4, 4 + length);
      pending = pending.subarray(4 + length);
      onMessage(deserialize(body));
    }
  });
}
