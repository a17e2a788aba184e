import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/reply.ts';
import { escapeMarkdown, renderDiscord } from '../../src/discord/render.ts';
import { validateMessage } from '../fakes/discord/validate.ts';

const event = (i: number) => ({
  id: i,
  date: '1 Jan 2020',
  title: `Event ${i} @everyone <@123456789012345678>`,
  kind: 'other' as const,
  summary: `${'Long summary text. '.repeat(75)}end-${i}`,
  tags: ['Armenia'],
  sources: [{ url: `https://example.org/${i}`, publisher: 'Example' }],
});

describe('Discord renderer', () => {
  it('pages a long answer into several valid messages without losing text', async () => {
    const r: Reply = {
      kind: 'reply',
      visibility: 'public',
      tone: 'info',
      title: 'Long',
      blocks: [{ type: 'events', events: Array.from({ length: 12 }, (_, i) => event(i)) }],
      footer: 'f',
    };
    const msgs = renderDiscord(r);
    expect(msgs.length).toBeGreaterThan(2);
    for (const m of msgs) expect(validateMessage(m as any)).toEqual([]);
    const all = msgs.map((m) => m.embeds[0]!.description).join('\n');
    for (let i = 0; i < 12; i++) expect(all).toContain(`end-${i}`);
    expect(msgs.every((m) => m.allowed_mentions.parse.length === 0)).toBe(true);
  });
  it('neutralises mentions and markdown in event text', async () => {
    expect(escapeMarkdown('**x** @everyone <@123> [a](b)')).toBe('\\*\\*x\\*\\* @\u200beveryone <\u200b@123> \\[a\\](b)');
    const [m] = renderDiscord({ kind: 'reply', visibility: 'private', tone: 'error', blocks: [{ type: 'events', events: [event(1)] }] });
    expect(m!.flags).toBe(64);
    expect(m!.embeds[0]!.description).not.toContain('@everyone');
  });
  it('splits a single paragraph longer than an embed', async () => {
    const msgs = renderDiscord({
      kind: 'reply',
      visibility: 'public',
      tone: 'info',
      blocks: [{ type: 'text', text: 'abc '.repeat(3000) }],
    });
    expect(msgs.length).toBe(4);
    for (const m of msgs) expect(validateMessage(m as any)).toEqual([]);
    expect(
      msgs
        .map((m) => m.embeds[0]!.description)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe('abc '.repeat(3000).trim());
  });
});
