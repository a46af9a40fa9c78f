import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** How a response ended: how many bytes went out, and whether the server finished it or the client cut it. */
export interface Served {
  bytes: number;
  finished: boolean;
}

export interface LocalServer {
  /** Absolute URL on the server for a path such as '/feed.xml'. */
  url(path: string): string;
  /** Requests seen, in order, so tests can assert what was (or was not) fetched. */
  requests: IncomingMessage[];
  /** The latest response on `path`, once its connection closed. */
  served(path: string): Promise<Served>;
  close(): Promise<void>;
}

/** A 127.0.0.1 server on a free port; unknown paths answer 404. */
export async function startServer(routes: Record<string, Handler>): Promise<LocalServer> {
  const requests: IncomingMessage[] = [];
  const served = new Map<string, Promise<Served>>();
  const server: Server = createServer((req, res) => {
    requests.push(req);
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const socket = res.socket;
    served.set(
      path,
      new Promise((resolve) =>
        res.on('close', () => resolve({ bytes: socket?.bytesWritten ?? 0, finished: res.writableFinished })),
      ),
    );
    const handler = routes[path];
    if (handler) handler(req, res);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    served: (path) => served.get(path) ?? Promise.reject(new Error(`no request for ${path}`)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Hostile handlers leave sockets open on purpose (trickling bodies): cut them.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Yields `total` zero bytes in 64 KiB slices, never holding more than one slice. */
export function zeros(total: number): Readable {
  const slice = Buffer.alloc(64 * 1024);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      sent += slice.length;
      this.push(slice);
    },
  });
}
