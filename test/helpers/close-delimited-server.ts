// An HTTP/1.1 server on 127.0.0.1 whose responses end when it closes the connection: `Connection:
// close`, no Content-Length and no chunking, the way some servers and proxies send an event stream.
// The test writes the body itself on the raw socket (and ends it), so it decides exactly which bytes
// arrive when. Built on node:net because node:http always frames an HTTP/1.1 response.

import { createServer, type Server, type Socket } from 'node:net';

export interface CloseDelimitedResponse {
  socket: Socket;
  /** Resolves when the client has closed its side (after it read the end of the body, or died). */
  clientGone: Promise<void>;
}

export interface CloseDelimitedServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Answers each request with a 200 text/event-stream head (plus `headers`), then hands the socket to
 * `respond` to write the body and end it.
 */
export async function startCloseDelimitedServer(
  respond: (response: CloseDelimitedResponse) => void | Promise<void>,
  headers: Record<string, string> = {},
): Promise<CloseDelimitedServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // a client that died mid-body
    const clientGone = new Promise<void>((resolve) => {
      socket.once('end', resolve);
      socket.once('close', resolve);
    });
    // The request (no body) arrives in one piece on loopback; its contents do not matter here.
    socket.once('data', () => {
      const head = Object.entries({ 'content-type': 'text/event-stream', connection: 'close', ...headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`HTTP/1.1 200 OK\r\n${head}\r\n`);
      void respond({ socket, clientGone });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/events`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Small `data: <n>` events, then one padded event, exactly `bytes` long in all. */
export function eventBytes(bytes: number): { text: string; events: number } {
  const padded = 'data: \n\n'.length + 1;
  let text = '';
  let events = 0;
  for (let n = 1; ; n++) {
    const next = `data: ${n}\n\n`;
    if (text.length + next.length + padded > bytes) break;
    text += next;
    events++;
  }
  text += `data: ${'x'.repeat(bytes - text.length - padded + 1)}\n\n`;
  return { text, events: events + 1 };
}
