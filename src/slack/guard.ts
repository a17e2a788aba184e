// What stands between POST /slack/events and Bolt. Bolt trusts a correctly signed body to have the
// shape Slack documents, and a signed `null` (or a view_submission without its state) throws where
// nothing catches it, which ends the process. So every request is read here with a size limit,
// verified with Bolt's own check, answered once per signature (by one process of all those on the
// database), and checked for the shape our listeners read; only then does Bolt see it, from the bytes
// already read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { isValidSlackRequest } from '@slack/bolt';
import * as z from 'zod';
import { readRawBody, sendJson, sendTooLarge } from '../http/server.ts';
import type { Logger } from '../log.ts';

/** Slack refuses requests whose timestamp is more than five minutes off, both ways. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/**
 * Where answered signatures are recorded: the store's table (src/store/replays.ts), shared by every
 * process on the database, so a signed request replayed to another process behind the load balancer is
 * refused there too. True the first time a (signature, timestamp) is recorded.
 */
export interface ReplayMarks {
  firstTime(signature: string, timestampSec: number, expiresAt: number): Promise<boolean>;
}

/** Until when a request's mark must be kept: Slack's window after its timestamp, and a minute's grace for clock skew. */
export const replayExpiry = (timestampSec: number) => timestampSec * 1000 + SIGNATURE_WINDOW_MS + 60_000;

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max);
const who = z.looseObject({ id, name: text(200).optional(), username: text(200).optional() });

const slashCommand = z.looseObject({
  command: z.string().regex(/^\/[\w-]{1,32}$/),
  text: text(4000).optional(),
  user_id: id,
  user_name: text(200).optional(),
  team_id: id.optional(),
  channel_id: id.optional(),
  response_url: z.string().url().max(500),
  trigger_id: text(200).optional(),
});

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  user: who,
  team: z.looseObject({ id }).nullish(),
  channel: z.looseObject({ id }).nullish(),
  trigger_id: text(200).optional(),
  response_url: z.string().url().max(500).optional(),
  // Our buttons carry their state in action_id and value, at most 100 characters each.
  actions: z
    .array(z.looseObject({ type: text(50), action_id: text(255), value: text(2000).optional() }))
    .min(1)
    .max(25),
});

const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  user: who,
  team: z.looseObject({ id }).nullish(),
  view: z.looseObject({
    callback_id: text(255),
    private_metadata: text(3000).optional(),
    state: z.looseObject({ values: z.record(z.string().max(255), z.record(z.string().max(255), z.looseObject({}))) }),
  }),
});

const interactive = z.discriminatedUnion('type', [blockActions, viewSubmission]);

const jsonEvent = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('url_verification'), challenge: text(200) }),
  z.looseObject({ type: z.literal('event_callback'), event: z.looseObject({ type: text(100) }) }),
]);

/** The shape check, mirroring how Bolt will parse the same bytes (form body only for that exact type). */
export function slackShapeProblem(body: Buffer, contentType: string | undefined, commands: readonly string[]): string | undefined {
  const problem = (r: { success: boolean; error?: z.ZodError }) => {
    if (r.success) return undefined;
    const issue = r.error!.issues[0]!;
    const where = issue.path.length ? issue.path.map(String).join('.') : 'body';
    return `${where}: ${issue.code === 'invalid_union' ? 'not a request type blocwatch handles' : issue.message}`.slice(0, 200);
  };
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(body.toString('utf8'));
      if (form.ssl_check === '1') return undefined;
      if (form.payload === undefined) {
        const shape = problem(slashCommand.safeParse(form));
        // A command nothing listens for would only time out inside Bolt; say so now.
        if (!shape && !commands.includes(String(form.command).slice(1))) return 'command: not a blocwatch command';
        return shape;
      }
      if (typeof form.payload !== 'string') return 'payload: given more than once';
      return problem(interactive.safeParse(JSON.parse(form.payload)));
    }
    return problem(jsonEvent.safeParse(JSON.parse(body.toString('utf8'))));
  } catch {
    return 'body: not valid JSON';
  }
}

export interface SlackGuardOptions {
  signingSecret: string;
  log: Logger;
  /** The slash command names the listeners handle, without the slash. */
  commands: readonly string[];
  /** Bolt's receiver, given the request once its body is read, verified and checked. */
  next: (req: IncomingMessage, res: ServerResponse) => void;
  replays: ReplayMarks;
}

export function slackGuard(o: SlackGuardOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readRawBody(req);
    if (!body) return sendTooLarge(req, res);
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    const signed =
      typeof signature === 'string' &&
      Number.isFinite(timestamp) &&
      // Bolt refuses requests older than five minutes but not ones dated ahead; Slack's window is both ways.
      Math.abs(timestamp * 1000 - Date.now()) <= SIGNATURE_WINDOW_MS &&
      isValidSlackRequest({
        signingSecret: o.signingSecret,
        body: body.toString('utf8'),
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      });
    if (!signed) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid or stale request signature');
      return;
    }
    if (!(await o.replays.firstTime(signature, timestamp, replayExpiry(timestamp)))) {
      o.log.warn('slack: replayed request ignored (signature already answered)');
      res.writeHead(200).end();
      return;
    }
    const contentType = req.headers['content-type'];
    const problem = slackShapeProblem(body, contentType, o.commands);
    if (problem) {
      o.log.warn({ problem }, 'slack: malformed request refused');
      return sendJson(res, 400, { error: `malformed request: ${problem}` });
    }
    // Bolt reads a body it finds already buffered instead of the (consumed) stream.
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    o.next(req, res);
  };
}
