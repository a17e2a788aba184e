// HTTP interactions mode: Discord POSTs each interaction to /discord/interactions on our server. The
// signature is checked on the raw bytes before anything is parsed; the interaction callback is the
// HTTP response. No gateway connection, no per-process state.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRawBody, sendJson, sendTooLarge } from '../http/server.ts';
import type { Logger } from '../log.ts';
import type { DiscordInteractions } from './interactions.ts';
import { parseInteraction } from './payload.ts';
import { discordPublicKey, verifyDiscordRequest } from './verify.ts';

export function discordHttpHandler(interactions: DiscordInteractions, publicKeyHex: string, log: Logger) {
  const key = discordPublicKey(publicKeyHex);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readRawBody(req);
    if (!body) return sendTooLarge(req, res);
    const sig = req.headers['x-signature-ed25519'];
    const ts = req.headers['x-signature-timestamp'];
    if (!verifyDiscordRequest(key, typeof sig === 'string' ? sig : undefined, typeof ts === 'string' ? ts : undefined, body)) {
      return sendJson(res, 401, { error: 'invalid request signature' });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'invalid JSON' });
    }
    // Signed is not the same as well-formed: check the shape before anything reads it.
    const parsed = parseInteraction(raw);
    if (!parsed.ok) {
      log.warn({ problem: parsed.problem }, 'discord: malformed interaction refused');
      return sendJson(res, 400, { error: `malformed interaction: ${parsed.problem}` });
    }
    const payload = parsed.interaction;
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
