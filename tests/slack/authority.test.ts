// Who may change the shared dataset on Slack: the users in SLACK_EDITOR_USER_IDS. SLACK_ADMIN_USER_IDS
// manage digests only; forged modal submissions and button presses from them store nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failOnViolations } from '../fakes/violations.ts';
import { ADMIN_ID, MEMBER_ID } from '../fakes/slack/index.ts';
import { startSlackApp, until, visible, type SlackHarness } from './setup.ts';

const EDITOR_ID = 'U0EDITOR01';

let h: SlackHarness;
failOnViolations(() => h?.fake);
beforeAll(async () => {
  h = await startSlackApp('http', { SLACK_ADMIN_USER_IDS: ADMIN_ID, SLACK_EDITOR_USER_IDS: EDITOR_ID });
});
afterAll(async () => {
  await h?.close();
});

const rows = async () =>
  await h.core.sql.get(
    'SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM audit_log) AS audit, (SELECT max(revision) FROM events) AS rev',
  );
const first = async (r: { responses: any[] }) => (await until(() => r.responses.length > 0 && r.responses))[0];

const values = (title: string) => ({
  title,
  date: '2024-02-22',
  countries: 'Armenia',
  summary: '',
  sources: 'https://example.org/slack-authority',
});

describe('Slack: editors and digest admins', () => {
  it('a workspace admin is not an editor: commands, forged forms and forged buttons change nothing', async () => {
    const before = await rows();
    const views = h.fake.views.length;
    for (const text of ['add', 'edit 3', 'delete 3']) {
      const m = await first(await h.command('/event', text, ADMIN_ID));
      expect(m.response_type).toBe('ephemeral');
      expect(visible(m)).toContain('Only editors');
    }
    expect(visible(await first(await h.press('event:delete:3:1', ADMIN_ID)))).toContain('Only editors');
    // A complete, valid form, as the editor's would be, submitted by the admin.
    const opened = await h.command('/event', 'add', EDITOR_ID);
    const view = await until(() => h.fake.views.length > views && h.fake.views.at(-1));
    expect(opened.status).toBe(200);
    const forged = await h.submit(view, values('Forged by a workspace admin'), ADMIN_ID);
    expect(forged.status).toBe(200);
    await until(() => h.fake.ephemerals.some((x) => x.user === ADMIN_ID && visible(x).includes('Only editors')));
    expect(await rows()).toEqual(before);
  });

  it('an editor adds through the form; the audit log names them', async () => {
    const views = h.fake.views.length;
    await h.command('/event', 'add', EDITOR_ID);
    const view = await until(() => h.fake.views.length > views && h.fake.views.at(-1));
    const r = await h.submit(view, values('Added by a Slack editor'), EDITOR_ID);
    expect(r.status).toBe(200);
    expect(r.body).toBeUndefined();
    expect(await h.core.sql.get("SELECT actor FROM audit_log WHERE action = 'add' ORDER BY id DESC LIMIT 1")).toEqual({
      actor: `slack:${EDITOR_ID}`,
    });
  });

  it("anyone reads an event's history, which names the Slack editor", async () => {
    const { id } = (await h.core.sql.get('SELECT event_id AS id FROM audit_log WHERE actor = ? ORDER BY id DESC LIMIT 1', [
      `slack:${EDITOR_ID}`,
    ])) as { id: number };
    const m = await first(await h.command('/event', `history ${id}`, MEMBER_ID));
    expect(m.response_type).toBe('in_channel');
    expect(visible(m)).toContain(`added by Slack user ${EDITOR_ID}`);
    expect(visible(m)).toContain('Added by a Slack editor');
  });

  it('admins and editors manage digests; members do not', async () => {
    expect(visible(await first(await h.command('/digest', 'list', ADMIN_ID)))).toContain('No digests here yet');
    expect(visible(await first(await h.command('/digest', 'list', EDITOR_ID)))).toContain('No digests here yet');
    expect(visible(await first(await h.command('/digest', 'list', MEMBER_ID)))).toContain("Only this server's or workspace's admins");
  });

  it('with no editors named, editor commands say privately to set SLACK_EDITOR_USER_IDS', async () => {
    const bare = await startSlackApp('http', { SLACK_EDITOR_USER_IDS: '' });
    try {
      const m = await first(await bare.command('/event', 'add', ADMIN_ID));
      expect(m.response_type).toBe('ephemeral');
      expect(visible(m)).toContain('No editors are named for Slack');
      expect(visible(m)).toContain('SLACK_EDITOR_USER_IDS');
    } finally {
      await bare.close();
    }
  });

  it('sent nothing Slack would reject', async () => {
    expect(h.fake.violations).toEqual([]);
  });
});
