import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { loadConfig } from '../../src/config.ts';
import type { Reply } from '../../src/reply.ts';
import { escapeMrkdwn, renderSlack, renderSlackModal } from '../../src/slack/render.ts';
import { slackManifest, SLACK_BOT_SCOPES } from '../../src/slack/manifest.ts';
import { slackCommandText } from '../../src/slack/text.ts';
import { blockText, validateMessage, validateModal } from '../fakes/slack/validate.ts';

const event = (i: number) => ({
  id: i,
  date: '1 Jan 2020',
  title: `Event ${i} <!channel> <@U12345678>`,
  kind: 'other' as const,
  summary: `${'Long summary text & more. '.repeat(70)}end-${i}`,
  tags: ['Armenia'],
  sources: [{ url: `https://example.org/${i}`, publisher: 'Example' }],
});

describe('Slack renderer', () => {
  it('stored text can never become a link, mention or channel reference: every <…> is one the reply carries', async () => {
    const sly = {
      ...event(1),
      title: 'See <https://evil.example|Official source> and <#C0GENERAL|general>',
      summary: 'Click <https://evil.example> now <!subteam^S1>',
    };
    const msgs = renderSlack({
      kind: 'reply',
      visibility: 'public',
      tone: 'info',
      title: 'Sly',
      blocks: [{ type: 'events', events: [sly] }],
    });
    const text = msgs.map((m) => blockText(m.blocks)).join('\n');
    const angled = [...text.matchAll(/<([^>]*)>/g)].map((m) => m[1]!);
    expect(angled.length).toBeGreaterThan(0);
    for (const a of angled) expect(a.startsWith('https://example.org/1')).toBe(true); // only the event's own source
    expect(text).toContain('&lt;https://evil.example|Official source&gt;');
  });

  it('draws a title too long for a header in full, as bold text', async () => {
    const title = `#7 · ${'A very long event title '.repeat(8)}end`;
    const [m] = renderSlack({ kind: 'reply', visibility: 'public', tone: 'info', title, blocks: [{ type: 'text', text: 'x' }] });
    expect(validateMessage(m!, 'long title')).toEqual([]);
    expect(blockText(m!.blocks)).toContain(title);
  });
  it('splits a long answer into valid messages (≤50 blocks, ≤3000 a section, ≤12,000 a message) losing nothing', async () => {
    const r: Reply = {
      kind: 'reply',
      visibility: 'public',
      tone: 'info',
      title: 'Long',
      blocks: [{ type: 'events', events: Array.from({ length: 40 }, (_, i) => event(i)) }],
      footer: 'f',
      actions: [{ id: 'timeline:page:x', label: 'Older' }],
    };
    const msgs = renderSlack(r);
    expect(msgs.length).toBeGreaterThan(2);
    for (const [i, m] of msgs.entries()) expect(validateMessage(m, `part ${i}`)).toEqual([]);
    const all = msgs.map((m) => blockText(m.blocks)).join('\n');
    for (let i = 0; i < 40; i++) expect(all).toContain(`end-${i}`);
    expect(msgs[0]!.blocks.some((b) => b.type === 'actions')).toBe(true);
    expect(msgs.slice(1).some((m) => m.blocks.some((b) => b.type === 'actions'))).toBe(false);
  });

  it('splits one paragraph longer than a section at word boundaries', async () => {
    const msgs = renderSlack({ kind: 'reply', visibility: 'public', tone: 'info', blocks: [{ type: 'text', text: 'abc '.repeat(5000) }] });
    for (const m of msgs) expect(validateMessage(m, 'm')).toEqual([]);
    const words = msgs
      .flatMap((m) => m.blocks.filter((b) => b.type === 'section').map((b: any) => b.text.text))
      .join(' ')
      .split(/\s+/)
      .filter(Boolean);
    expect(words).toHaveLength(5000);
  });

  it('escapes &, < and > so stored text can never mention anyone; links stay links', async () => {
    expect(escapeMrkdwn('a & <!here> <@U1> >')).toBe('a &amp; &lt;!here&gt; &lt;@U1&gt; &gt;');
    const [m] = renderSlack({
      kind: 'reply',
      visibility: 'public',
      tone: 'info',
      blocks: [
        { type: 'events', events: [event(1)] },
        { type: 'text', text: [{ link: 'https://x.org/a|b', text: 'X > Y' }] },
      ],
    });
    expect(validateMessage(m, 'm')).toEqual([]);
    expect(blockText(m!.blocks)).toContain('<https://x.org/a%7Cb|X &gt; Y>');
  });

  it('draws the event form as a modal with stable block and action ids', async () => {
    const modal = renderSlackModal(
      {
        kind: 'form',
        id: 'event:add:other',
        title: 'Add event',
        submitLabel: 'Add',
        fields: [
          { id: 'title', label: 'Title', style: 'short', required: true, minLength: 3, maxLength: 200, value: 'x'.repeat(250) },
          { id: 'summary', label: 'Summary', style: 'paragraph', required: false, maxLength: 5000 },
        ],
      },
      '{"channel":"C1"}',
    );
    expect(validateModal(modal, 'modal')).toEqual([]);
    expect(modal.blocks.map((b) => [b.block_id, b.element.action_id, b.optional])).toEqual([
      ['title', 'value', false],
      ['summary', 'value', true],
    ]);
  });

  it('turns Slack-escaped command text back into what was typed', async () => {
    expect(slackCommandText('subscribe <#C0123ABC|news> at:08:00 countries:armenia,belarus')).toBe(
      'subscribe C0123ABC at:08:00 countries:armenia,belarus',
    );
    expect(slackCommandText('&lt;b&gt; &amp; <https://x.org|x.org>')).toBe('<b> & https://x.org');
  });
});

describe('Slack manifest', () => {
  const config = loadConfig({});
  it('lists every command with a usage hint, only the scopes the bot uses, and Socket Mode by default', async () => {
    const m = slackManifest(config, {}) as any;
    expect(m.features.slash_commands.map((c: any) => c.command)).toEqual(COMMANDS.map((c) => `/${c.name}`));
    for (const c of m.features.slash_commands) {
      expect(c.usage_hint.length).toBeGreaterThan(0);
      expect(c.url).toBeUndefined();
    }
    expect(m.oauth_config.scopes.bot).toEqual([...SLACK_BOT_SCOPES]);
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.interactivity).toEqual({ is_enabled: true });
  });
  it('with --url, points commands and interactivity at /slack/events', async () => {
    const m = slackManifest(config, { url: 'https://bot.example.org/' }) as any;
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.settings.interactivity.request_url).toBe('https://bot.example.org/slack/events');
    expect(m.features.slash_commands.every((c: any) => c.url === 'https://bot.example.org/slack/events')).toBe(true);
    expect(() => slackManifest(config, { url: 'http://bot.example.org' })).toThrow(/https/);
    expect(() => slackManifest(config, { url: 'http://localhost:3000' })).toThrow(/https/);
    // The full endpoint pasted by mistake is taken as its base, not doubled.
    expect((slackManifest(config, { url: 'https://bot.example.org/slack/events' }) as any).settings.interactivity.request_url).toBe(
      'https://bot.example.org/slack/events',
    );
  });
});

describe('splitLong', () => {
  it('never cuts inside a link or an entity, and yields no empty piece', async () => {
    const { splitLong } = await import('../../src/presentation/split.ts');
    const link = '<https://example.org/a-long-path|Public Radio of Armenia>';
    const text = `${'word '.repeat(15)}${link} and &amp; more ${'x'.repeat(10)}\n`;
    for (let max = link.length + 1; max < 160; max++) {
      const parts = splitLong(text.repeat(4), max);
      expect(parts.every((p) => p.trim().length > 0)).toBe(true);
      expect(parts.join(' ')).toContain(link);
      for (const p of parts) {
        expect(p.lastIndexOf('<')).toBeLessThanOrEqual(p.lastIndexOf('>'));
        expect(p.lastIndexOf('&')).toBeLessThanOrEqual(p.lastIndexOf(';'));
      }
    }
  });
});
