// "Data to …": how current an answer's data is, as the date of the newest event or of the last successful
// poll of a news source, whichever is later; an install without sources says its data is built in and how
// to keep it current. One sentence, worded in src/presentation/currency.ts, on every surface.
import { describe, expect, it } from 'vitest';
import { parsePartialDate } from '../src/domain/dates.ts';
import { renderDiscord } from '../src/discord/render.ts';
import { renderSlack } from '../src/slack/render.ts';
import { dataTo, type DataCurrency } from '../src/presentation/currency.ts';
import { asReply, dispatcher, member, memoryCore, TEST_NOW, textOf } from './helpers.ts';
import { blockText } from './fakes/slack/validate.ts';

const day = (text: string) => parsePartialDate(text)!;
const BUILT_IN = 'Built-in data to 30 May 2026; add news sources to keep it current';

describe('the words', () => {
  const c = (o: Partial<DataCurrency>): DataCurrency => ({ newest: day('2026-05-30'), newestBuiltIn: true, sources: 0, ...o });

  it('says built-in data and how to keep it current when no source is configured', async () => {
    expect(dataTo(c({}))).toBe(BUILT_IN);
    // An editor's own event is not built in; the advice stands.
    expect(dataTo(c({ newest: day('2026-06-03'), newestBuiltIn: false }))).toBe('Data to 3 Jun 2026; add news sources to keep it current');
    expect(dataTo(c({ newest: undefined, newestBuiltIn: false }))).toBe('No events recorded yet; add news sources to keep it current');
  });

  it('takes the later of the newest event and the last successful poll', async () => {
    expect(dataTo(c({ sources: 2, lastPolledOk: '2026-12-07T08:15:00.000Z' }))).toBe('Data to 7 Dec 2026');
    expect(dataTo(c({ sources: 2, lastPolledOk: '2026-05-01T08:15:00.000Z' }))).toBe('Data to 30 May 2026');
    expect(dataTo(c({ sources: 1 }))).toBe('Data to 30 May 2026');
    // A poll inside the newest event's month does not reach past "May 2026".
    expect(dataTo(c({ newest: day('2026-05'), sources: 1, lastPolledOk: '2026-05-20T00:00:00.000Z' }))).toBe('Data to May 2026');
    expect(dataTo(c({ newest: undefined, sources: 1, lastPolledOk: '2026-12-07T00:00:00.000Z' }))).toBe('Data to 7 Dec 2026');
  });
});

describe('on every surface', () => {
  /** The footer of /csto status armenia as the console, Discord and Slack draw it. */
  async function footers(d: Awaited<ReturnType<typeof dispatcher>>): Promise<Record<'console' | 'discord' | 'slack', string>> {
    const r = asReply(await d.runText('csto', 'status armenia', member));
    const discord = renderDiscord(r).at(-1)!.embeds.at(-1)!.footer!.text;
    const slack = blockText(renderSlack(r).at(-1)!.blocks);
    return { console: textOf(r), discord, slack };
  }

  it('reads from the store: built in until an editor records something newer', async () => {
    const core = await memoryCore();
    expect(await core.currency.read()).toMatchObject({ newestBuiltIn: true, sources: 0, newest: { text: '2026-05-30' } });
    await core.events.add(
      {
        title: 'Newer than the dataset',
        summary: 'Recorded by an editor.',
        kind: 'other',
        date: day('2026-06-03'),
        countryIds: ['armenia'],
        blocIds: [],
        sources: [{ url: 'https://example.org/a', publisher: 'Example' }],
      },
      'discord:1',
      TEST_NOW,
    );
    expect(dataTo(await core.currency.read())).toBe('Data to 3 Jun 2026; add news sources to keep it current');
  });

  it('shows the same sentence on the console, Discord and Slack, and follows the first successful poll', async () => {
    const core = await memoryCore();
    const d = await dispatcher(core);
    for (const [surface, text] of Object.entries(await footers(d))) expect(text, surface).toContain(BUILT_IN);

    // Editors add a source: until it has been read, the newest event still bounds the data.
    const sources = core.sources;
    const feed = await sources.add(
      {
        url: 'https://example.org/feed',
        urlKey: 'example.org/feed',
        name: 'Example',
        countries: [],
        blocs: [],
        backfill: 0,
        addedBy: 'console',
      },
      TEST_NOW,
    );
    for (const [surface, text] of Object.entries(await footers(d))) {
      expect(text, surface).toContain('Data to 30 May 2026');
      expect(text, surface).not.toContain('Built-in');
    }
    // Read today: the answer (asked before, so cached) now reaches today.
    await sources.recordOk(feed.id, TEST_NOW, 15 * 60_000, {});
    for (const [surface, text] of Object.entries(await footers(d))) expect(text, surface).toContain('Data to 22 Nov 2026');
    expect(textOf(await d.runText('timeline', 'belarus', member))).toContain('Data to 22 Nov 2026');
  });
});
