// HTTP interactions mode: Discord POSTs each interaction to /discord/interactions on our server. The
// signature is checked on the raw bytes before anything is parsed; the interaction callback is the
// HTTP response. No gateway connection, no per-process state.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRawBody, sendJson } from '../http/server.ts';
import type { Logger } from '../log.ts';
import type { DiscordInteractions, InteractionPayload } from './interactions.ts';
import { discordPublicKey, verifyDiscordRequest } from './verify.ts';

export function discordHttpHandler(interactions: DiscordInteractions, publicKeyHex: string, log: Logger) {
  const key = discordPublicKey(publicKeyHex);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readRawBody(req);
    if (!body) return sendJson(res, 413, { error: 'body too large' });
    const sig = req.headers['x-signature-ed25519'];
    const ts = req.headers['x-signature-timestamp'];
    if (!verifyDiscordRequest(key, typeof sig === 'string' ? sig : undefined, typeof ts === 'string' ? ts : undefined, body)) {
      return sendJson(res, 401, { error: 'invalid request signature' });
    }
    let payload: InteractionPayload;
    try {
      payload = JSON.parse(body.toString('utf8')) as InteractionPayload;
    } catch {
      return sendJson(res, 400, { error: 'invalid JSON' });
    }
    let answered = false;
    await interactions.handle(payload, async (callback) => {
      answered = true;
      sendJson(res, 200, callback);
    });
    if (!answered) {
      log.error({ interaction: payload.id }, 'interaction left unanswered');
      sendJson(res, 500, { error: 'no answer' });
    }
  };
}
