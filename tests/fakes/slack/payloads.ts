// Requests shaped like the ones Slack sends an app: signed bodies, slash commands, block actions and
// view submissions.
import { createHmac } from 'node:crypto';
import { ADMIN_ID, CHANNEL_ID, MEMBER_ID, TEAM_ID } from './ids.ts';

/** Signs a request body as Slack does: v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body). */
export function signSlack(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${sig}`, 'x-slack-request-timestamp': String(timestamp) };
}

export function slashCommand(o: {
  command: string;
  text: string;
  user?: string;
  channel?: string;
  responseUrl: string;
  triggerId: string;
}): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    team_domain: 'blocwatch-test',
    channel_id: o.channel ?? CHANNEL_ID,
    channel_name: 'news',
    user_id: o.user ?? MEMBER_ID,
    user_name: o.user === ADMIN_ID ? 'admin' : 'member',
    command: o.command,
    text: o.text,
    api_app_id: 'A0BLOCWATCH',
    is_enterprise_install: 'false',
    response_url: o.responseUrl,
    trigger_id: o.triggerId,
  };
}

export function blockAction(o: {
  actionId: string;
  value?: string;
  user?: string;
  channel?: string;
  responseUrl: string;
  triggerId: string;
}): any {
  return {
    type: 'block_actions',
    user: { id: o.user ?? MEMBER_ID, username: 'member', name: 'member', team_id: TEAM_ID },
    api_app_id: 'A0BLOCWATCH',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: o.channel ?? CHANNEL_ID, is_ephemeral: false },
    trigger_id: o.triggerId,
    team: { id: TEAM_ID, domain: 'blocwatch-test' },
    channel: { id: o.channel ?? CHANNEL_ID, name: 'news' },
    message: { type: 'message', ts: '1700000000.000100', text: 'previous page' },
    response_url: o.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: o.actionId,
        block_id: 'b1',
        value: o.value ?? o.actionId,
        text: { type: 'plain_text', text: 'Older' },
        action_ts: '1700000001.000200',
      },
    ],
  };
}

export function viewSubmission(o: { view: any; values: Record<string, string>; user?: string }): any {
  const values: Record<string, Record<string, { type: string; value: string | null }>> = {};
  for (const b of o.view.blocks ?? []) {
    if (b.type !== 'input') continue;
    values[b.block_id] = {
      [b.element.action_id]: { type: 'plain_text_input', value: o.values[b.block_id] ?? b.element.initial_value ?? null },
    };
  }
  return {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'blocwatch-test' },
    user: { id: o.user ?? ADMIN_ID, username: 'admin', name: 'admin', team_id: TEAM_ID },
    api_app_id: 'A0BLOCWATCH',
    token: 'deprecated-verification-token',
    trigger_id: `${Date.now()}.view`,
    view: {
      id: 'V1',
      team_id: TEAM_ID,
      type: 'modal',
      callback_id: o.view.callback_id,
      private_metadata: o.view.private_metadata ?? '',
      blocks: o.view.blocks,
      state: { values },
      hash: '1700000000.abc',
      app_id: 'A0BLOCWATCH',
    },
    response_urls: [],
  };
}
