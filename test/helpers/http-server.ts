import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Real HTTP servers on 127.0.0.1 at free ports, for checks that must meet a socket, not a stub. `closeAll`
 * (in afterEach) ends them and their kept-alive connections, so no test waits for another's server.
 */
export function localServers() {
  const servers: Server[] = [];
  return {
    /** Starts a server with this handler; resolves to its port. */
    async serve(handler: RequestListener): Promise<number> {
      const server = createServer(handler);
      servers.push(server);
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
      });
    },
    async closeAll(): Promise<void> {
      await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => {
        s.closeAllConnections();
        s.close(() => resolve());
      })));
    },
  };
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
