import { startApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { coreSettings, type Core } from '../../src/core.ts';
import { memoryCore, silent } from '../helpers.ts';
import { blockText, validateViewAck } from '../fakes/slack/validate.ts';
import { ADMIN_ID, blockAction, signSlack, slashCommand, startSlackFake, viewSubmission, type SlackFake } from '../fakes/slack/index.ts';

export { silent };

export interface SlackHarness {
  fake: SlackFake;
  app: App;
  core: Core;
  /** POSTs a signed request to /slack/events, as Slack does. */
  post(body: string, opts?: { contentType?: string; headers?: Record<string, string> }): Promise<{ status: number; text: string }>;
  command(command: string, text: string, user?: string): Promise<{ status: number; text: string; responseUrl: string; responses: any[] }>;
  press(actionId: string, user?: string): Promise<{ status: number; responses: any[] }>;
  submit(view: any, values: Record<string, string>, user?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export { until } from '../helpers.ts';

export async function startSlackApp(mode: 'http' | 'socket', env: Record<string, string> = {}): Promise<SlackHarness> {
  const fake = await startSlackFake();
  const config = loadConfig({
    SLACK_BOT_TOKEN: fake.botToken,
    ...(mode === 'http' ? { SLACK_SIGNING_SECRET: fake.signingSecret } : { SLACK_APP_TOKEN: fake.appToken }),
    SLACK_API_URL: fake.apiUrl,
    SLACK_ADMIN_USER_IDS: ADMIN_ID,
    SLACK_EDITOR_USER_IDS: ADMIN_ID,
    HTTP_PORT: '0',
    ...env,
  });
  // The settings a deployment's core gets from its environment (PUBLIC_URL's links among them).
  const core = await memoryCore(undefined, coreSettings(config));
  const app = await startApp(config, silent, { core });
  const post: SlackHarness['post'] = async (body, opts = {}) => {
    const res = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
        ...signSlack(fake.signingSecret, body),
        ...opts.headers,
      },
      body,
    });
    return { status: res.status, text: await res.text() };
  };
  return {
    fake,
    app,
    core,
    post,
    async command(command, text, user) {
      const responseUrl = fake.responseUrl();
      const body = new URLSearchParams(slashCommand({ command, text, user, responseUrl, triggerId: fake.triggerId() })).toString();
      const r = await post(body);
      return { ...r, responseUrl, responses: fake.responses.get(responseUrl.split('/').pop()!)! };
    },
    async press(actionId, user) {
      const responseUrl = fake.responseUrl();
      const payload = blockAction({ actionId, user, responseUrl, triggerId: fake.triggerId() });
      const r = await post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
      return { status: r.status, responses: fake.responses.get(responseUrl.split('/').pop()!)! };
    },
    async submit(view, values, user) {
      const payload = viewSubmission({ view, values, user });
      const r = await post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
      const body = r.text ? JSON.parse(r.text) : undefined;
      fake.violations.push(...validateViewAck(view, body));
      return { status: r.status, body };
    },
    async close() {
      await app.stop();
      await fake.close();
    },
  };
}

/** All visible text of a Slack message body. */
export function visible(m: any): string {
  return [m?.text ?? '', blockText(m?.blocks ?? [])].join('\n');
}
