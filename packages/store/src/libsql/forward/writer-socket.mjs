// The writer's socket, run on the write thread (see ../write-thread.mjs): followers' commit batches
// arrive here and join the thread's queue directly, so they never wait for the writer's event loop.
// Plain JavaScript, like the thread. Frames: a 4-byte length, then V8's serialization (as wire.ts).
import { createServer } from 'node:net';
import { deserialize, serialize } from 'node:v8';

export function sendFrame(socket, message) {
  const body = serialize(message);
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32BE(body.length, 0);
  socket.write(Buffer.concat([head, body]));
}

function receiveFrames(socket, onMessage) {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (pending.length < 4 + length) break;
      const body = pending.subarray(4, 4 + length);
      pending = pending.subarray(4 + length);
      let message;
      try {
        message = deserialize(body);
      } catch {
        // Not a frame of ours: drop the connection, not the thread.
        socket.destroy();
        return;
      }
      onMessage(message);
    }
  });
}

/**
 * Listens on `path`; resolves false if another writer has it. Each follower's batch is handed to
 * `accept(message, answer)`, where `answer(reply)` sends the reply back on that follower's connection.
 */
export function listenForFollowers(path, accept) {
  const followers = new Set();
  const server = createServer((socket) => {
    followers.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.on('close', () => followers.delete(socket));
    receiveFrames(socket, (message) =>
      accept(message, (reply) => {
        if (!socket.destroyed) sendFrame(socket, reply);
      }),
    );
  });
  return new Promise((resolve) => {
    server.once('error', () => resolve(null));
    server.listen(path, () =>
      resolve({
        /** Stop taking followers, tell those connected to send nothing more, wait until they have left. */
        async handOver(timeoutMs) {
          server.close();
          for (const socket of followers) sendFrame(socket, { closing: true });
          const end = Date.now() + timeoutMs;
          while (followers.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
        },
        close() {
          server.close();
          for (const socket of followers) socket.destroy();
        },
      }),
    );
  });
}
