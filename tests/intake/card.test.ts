// Text from the web stays text: what an article says cannot become markup, links or pings in a card.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftCard } from '../../src/intake/pipeline/card.ts';
import { renderDiscord } from '../../src/discord/render.ts';
import { renderSlack } from '../../src/slack/render.ts';
import { articlePage } from './feed-server.ts';
import { intakeWorld, type IntakeWorld } from './setup.ts';

let w: IntakeWorld;
beforeEach(async () => {
  w = await intakeWorld();
});
afterEach(async () => w.cleanup());

describe('a hostile article', () => {
  it('is stored as plain text and drawn escaped, pinging nobody, on both platforms', async () => {
    const paragraphs = [
      'Armenia recalled its ambassador to Belarus on Tuesday, @everyone, said the foreign ministry in Yerevan <!channel> <@123456789012345678>.',
      'Officials in Minsk called the move **regrettable** and [a mistake](https://evil.example/phish), according to Belarusian state media.',
      'The Collective Security Treaty Organization said it was studying the dispute between the two member states.',
    ];
    w.server.page(
      '/hostile',
      articlePage({ title: 'Armenia recalls ambassador from Belarus @here', paragraphs }, 'Outlet A', '2026-11-20T08:00:00Z').replace(
        '</article>',
        '<script>document.title = "pwned"</script><style>p{}</style></article>',
      ),
    );
    const outcome = await w.intake.importUrl(w.server.url('/hostile'), 'console:editor');
    if (outcome.kind !== 'drafted') throw new Error(`expected a draft, got ${outcome.kind}`);
    const d = outcome.draft;
    expect(d.summary).not.toMatch(/<script|pwned|p\{\}/);
    expect(d.summary).toContain('@everyone');

    const card = await draftCard(w.core, d);
    const discord = JSON.stringify(renderDiscord(card));
    for (const m of renderDiscord(card)) expect(m.allowed_mentions).toEqual({ parse: [] });
    expect(discord).not.toMatch(/(?<!\\u200b)@everyone|(?<!\\u200b)@here/);
    expect(discord).not.toContain('<@123456789012345678>');
    // Markdown in the article is shown as typed: escaped brackets and stars, no link, no bold.
    expect(discord).toContain(String.raw`\\[a mistake\\](https://evil.example/phish)`);
    expect(discord).toContain(String.raw`\\*\\*regrettable\\*\\*`);

    const slack = JSON.stringify(renderSlack(card));
    expect(slack).not.toContain('<!channel>');
    expect(slack).not.toContain('<@123456789012345678>');
    expect(slack).not.toContain('<https://evil.example/phish');
  });
});
