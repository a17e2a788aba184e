// Requests over one keep-alive connection, to see whether a refused request leaves it usable.
import { Agent, request } from 'node:http';

export interface SocketReply {
  status: number;
  body: string;
  /** True when this request went out on a connection an earlier request used. */
  reusedSocket: boolean;
  connection?: string;
}

export function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1 });
}

export function send(agent: Agent, url: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<SocketReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            body: Buffer.concat(chunks).toString('utf8'),
            reusedSocket: req.reusedSocket,
            connection: res.headers.connection,
          }),
        );
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error('timed out: the server never answered')));
    // A server that answers before reading everything may reset the upload; the answer still counts.
    req.on('error', reject);
    req.end(body);
  });
}
