import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HostileRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the hostile server answers: status, headers and body, per request (so a test can answer each differently). */
export type Answer = { status?: number; headers?: Record<string, string>; body?: string | Buffer; delayMs?: number };

/** A loopback server that answers whatever a test tells it, and remembers every request it got. */
export class HostileServer {
  readonly requests: HostileRequest[] = [];
  private readonly sockets = new Set<Socket>();
  private server!: http.Server;
  answer: (req: HostileRequest, n: number) => Answer = () => ({ body: '{}' });

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(r);
        const a = this.answer(r, this.requests.length);
        const reply = () => {
          if (res.destroyed) return;
          res.writeHead(a.status ?? 200, { 'Content-Type': 'application/json', ...a.headers });
          res.end(a.body ?? '');
        };
        if (a.delayMs) setTimeout(reply, a.delayMs);
        else reply();
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A Laravel-style page of `n` subscribers for SendPortal (`first_name`) or Sender (`firstname`). */
export function subscribersPage(n: number, page = 1, meta: Record<string, unknown> = {}): string {
  const data = Array.from({ length: n }, (_, i) => ({ id: (page - 1) * 25 + i + 1, email: `p${i}@example.com`, first_name: 'P', firstname: 'P' }));
  return JSON.stringify({ data, meta: { current_page: page, last_page: 100, per_page: 25, total: 2500, ...meta } });
}
