// The Discord stand-in's gateway: HELLO with a heartbeat interval, heartbeats acknowledged, IDENTIFY
// checked against the bot token and answered with READY, RESUME answered with RESUMED.
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DiscordState } from './state.ts';

export function startGateway(server: Server, s: DiscordState, heartbeatIntervalMs: number) {
  const sockets = new Set<WebSocket>();
  let identified: { intents: number } | undefined;
  let identifies = 0;
  const identifyWaiters: (() => void)[] = [];
  let seq = 0;
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: heartbeatIntervalMs }, s: null, t: null }));
    ws.on('message', (data) => {
      let p: any;
      try {
        p = JSON.parse(data.toString());
      } catch {
        s.violations.push('gateway: a frame that is not JSON');
        return ws.close(4002, 'Error while decoding payload.');
      }
      if (p.op === 1) {
        s.heartbeats.push(p.d);
        return ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      }
      if (p.op === 2) {
        if (p.d?.token !== s.token && p.d?.token !== `Bot ${s.token}`) {
          s.violations.push('gateway: IDENTIFY with a wrong token');
          return ws.close(4004, 'Authentication failed.');
        }
        identified = { intents: p.d.intents };
        identifies++;
        ws.send(
          JSON.stringify({
            op: 0,
            s: ++seq,
            t: 'READY',
            d: {
              v: 10,
              user: s.botUser,
              guilds: [],
              session_id: 'fake-session',
              resume_gateway_url: `ws://127.0.0.1:${s.port}`,
              shard: [0, 1],
              application: { id: s.applicationId, flags: 0 },
            },
          }),
        );
        for (const w of identifyWaiters.splice(0)) w();
        return;
      }
      if (p.op === 6) return ws.send(JSON.stringify({ op: 0, s: ++seq, t: 'RESUMED', d: {} }));
    });
    ws.on('close', () => sockets.delete(ws));
  });

  return {
    get connections() {
      return sockets.size;
    },
    get identified() {
      return identified;
    },
    /** IDENTIFYs accepted so far, from every connection: a second one means a second gateway session. */
    get identifies() {
      return identifies;
    },
    whenIdentified(): Promise<void> {
      return identified ? Promise.resolve() : new Promise((r) => identifyWaiters.push(r));
    },
    dispatch(t: string, d: unknown) {
      for (const ws of sockets) ws.send(JSON.stringify({ op: 0, s: ++seq, t, d }));
    },
    close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
