// Bolt listeners: slash commands, button presses and modal submissions, each a thin step from Slack's
// payload to the dispatcher and back through the Block Kit renderer. Button and form state lives in
// action values and callback ids, so any process can answer any request, also after a restart.
import type { App, RespondFn, webApi } from '@slack/bolt';
import { COMMANDS } from '../../commands/index.ts';
import type { Caller } from '../../commands/types.ts';
import type { Dispatcher } from '../dispatch.ts';
import type { Logger } from '../log.ts';
import type { Form, FormErrors, Outcome, Reply, SubmitOutcome } from '../reply.ts';
import { reply } from '../reply.ts';
import { INPUT_ACTION_ID, LINK_ACTION_PREFIX, renderSlack, renderSlackModal } from './render.ts';
import { uploadReplyFiles } from './files.ts';
import { slackCommandText } from './text.ts';

export interface SlackDeps {
  dispatcher: Dispatcher;
  adminUserIds: readonly string[];
  editorUserIds: readonly string[];
  log: Logger;
}

/** What a modal carries back on submission: where it was opened, for the private confirmation. */
interface ModalContext {
  channel?: string;
}

const FAILURE = 'Something went wrong on our side; nothing was changed. Please try again.';

export function registerSlackListeners(app: App, deps: SlackDeps): void {
  const { dispatcher, log } = deps;
  const caller = (user: { id: string; name?: string }, team?: string, channel?: string): Caller => ({
    platform: 'slack',
    userId: user.id,
    displayName: user.name,
    isEditor: deps.editorUserIds.includes(user.id),
    // Editors curate for every workspace; they may manage digests here too.
    isSpaceAdmin: deps.adminUserIds.includes(user.id) || deps.editorUserIds.includes(user.id),
    editorsNamed: deps.editorUserIds.length > 0,
    spaceId: team,
    channelId: channel,
  });

  for (const def of COMMANDS) {
    app.command(`/${def.name}`, async ({ command, ack, respond, client }) => {
      // Acknowledge at once (Slack allows 3 s); the answer goes through response_url.
      await ack();
      const who = caller({ id: command.user_id, name: command.user_name }, command.team_id, command.channel_id);
      const outcome = await safely(log, () => dispatcher.runText(def.name, slackCommandText(command.text ?? ''), who));
      await deliver(outcome, { respond, client, triggerId: command.trigger_id, channel: command.channel_id, log });
    });
  }

  // Buttons: timeline and search paging, delete confirmation. The action id is the whole state.
  app.action({ type: 'block_actions' }, async ({ ack, body, action, respond, client }) => {
    await ack();
    // A link button opened its page; Slack tells us anyway, and there is nothing to run.
    if (action.type !== 'button' || action.action_id.startsWith(LINK_ACTION_PREFIX)) return;
    const channel = body.channel?.id;
    const who = caller({ id: body.user.id, name: body.user.name }, body.team?.id ?? undefined, channel);
    const outcome = await safely(log, () => dispatcher.runAction(action.value ?? action.action_id, who));
    await deliver(outcome, { respond, client, triggerId: body.trigger_id, channel, log, fromButton: true });
  });

  app.view({ type: 'view_submission' }, async ({ ack, body, view, client }) => {
    // Slack sends null for an input left empty; any other non-text value goes on to be refused on its field.
    const values: Record<string, unknown> = {};
    for (const [blockId, inputs] of Object.entries(view.state?.values ?? {})) {
      const value: unknown = inputs?.[INPUT_ACTION_ID]?.value;
      values[blockId] = value === null || value === undefined ? '' : value;
    }
    const meta = parseMeta(view.private_metadata);
    const who = caller({ id: body.user.id, name: body.user.name }, body.team?.id ?? undefined, meta.channel);
    const outcome: SubmitOutcome = await safely(log, () => dispatcher.submitForm(view.callback_id, values, who));
    if (outcome.kind === 'form_errors') {
      // Each bad field is flagged on its own input; the modal stays open with what was typed.
      await ack({ response_action: 'errors', errors: slackFormErrors(outcome) });
      return;
    }
    await ack();
    await confirmPrivately(client, body.user.id, meta.channel, outcome, log);
  });
}

/** Form errors keyed by block_id (the field id), as response_action: errors wants them. */
export function slackFormErrors(fe: FormErrors): Record<string, string> {
  const known = new Set(fe.form.fields.map((f) => f.id));
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(fe.errors)) {
    // An error about something that is not an input (e.g. the kind) goes on the first field.
    const key = known.has(field) ? field : fe.form.fields[0]!.id;
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}

interface DeliverContext {
  respond: RespondFn;
  client: webApi.WebClient;
  triggerId?: string;
  channel?: string;
  log: Logger;
  fromButton?: boolean;
}

async function deliver(outcome: Outcome, ctx: DeliverContext): Promise<void> {
  if (outcome.kind === 'form') {
    await openForm(outcome, ctx);
    return;
  }
  // A picture is shared in the channel; when Slack will not take it, the reply's text answers instead.
  if (outcome.files?.length && outcome.visibility === 'public' && ctx.channel && !ctx.fromButton) {
    if (await uploadReplyFiles(ctx.client, ctx.channel, outcome, ctx.log)) return;
  }
  await respondWith(ctx.respond, outcome, Boolean(ctx.fromButton && outcome.replaceOriginal));
}

async function openForm(form: Form, ctx: DeliverContext): Promise<void> {
  if (!ctx.triggerId) return respondWith(ctx.respond, reply.error('This form can only be opened from a command or a button.'), false);
  const meta: ModalContext = { channel: ctx.channel };
  try {
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: renderSlackModal(form, JSON.stringify(meta)) as never });
  } catch (err) {
    ctx.log.warn({ err }, 'slack: views.open failed');
    await respondWith(ctx.respond, reply.error('Slack did not let the form open in time. Please run the command again.'), false);
  }
}

/** Sends a reply through response_url: public answers in the channel, the rest ephemeral. */
async function respondWith(respond: RespondFn, r: Reply, replace: boolean): Promise<void> {
  const parts = renderSlack(r);
  for (const [i, part] of parts.entries()) {
    if (i === 0 && replace) await respond({ replace_original: true, text: part.text, blocks: part.blocks as never });
    else
      await respond({
        response_type: r.visibility === 'public' ? 'in_channel' : 'ephemeral',
        replace_original: false,
        text: part.text,
        blocks: part.blocks as never,
      });
  }
}

/**
 * After a modal closes: tell the admin what happened, privately, where they opened it. Slack refuses
 * ephemeral messages in channels the bot is not in, so then it goes to the app's DM with them instead.
 */
async function confirmPrivately(client: webApi.WebClient, user: string, channel: string | undefined, r: Reply, log: Logger): Promise<void> {
  for (const part of renderSlack(r)) {
    const message = { text: part.text, blocks: part.blocks as never };
    try {
      if (channel) {
        await client.chat.postEphemeral({ channel, user, ...message });
        continue;
      }
    } catch (err) {
      log.info({ err, channel }, 'slack: ephemeral confirmation refused; sending it as a direct message');
    }
    try {
      await client.chat.postMessage({ channel: user, ...message });
    } catch (err) {
      log.warn({ err, user }, 'slack: could not confirm a form submission');
    }
  }
}

function parseMeta(s: string | undefined): ModalContext {
  try {
    const m = JSON.parse(s || '{}') as ModalContext;
    return typeof m.channel === 'string' ? { channel: m.channel } : {};
  } catch {
    return {};
  }
}

async function safely<T extends Outcome | SubmitOutcome>(log: Logger, fn: () => Promise<T>): Promise<T | Reply> {
  try {
    return await fn();
  } catch (err) {
    log.error({ err }, 'slack: handler failed');
    return reply.error(FAILURE);
  }
}
