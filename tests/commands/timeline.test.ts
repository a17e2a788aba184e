import { describe, expect, it } from 'vitest';
import { asReply, blocSplit, dispatcher, member, textOf, timelineIds } from '../helpers.ts';

const d = await dispatcher();

describe('/timeline', () => {
  it('Belarus from 2024-01 in the SCO shows membership from 4 Jul 2024', async () => {
    const r = asReply(await d.runText('timeline', 'belarus from:2024-01 bloc:sco', member));
    const t = textOf(r);
    expect(t).toContain('4 Jul 2024');
    expect(t).toMatch(/Belarus.*SCO/);
    // Every page, not only the first: exactly Belarus's SCO events, none of its other blocs' events.
    const split = await blocSplit(d.core, 'belarus', 'sco', '2024-01-01');
    expect(split.outside.length).toBeGreaterThan(0);
    expect(await timelineIds(d, 'belarus from:2024-01 bloc:sco')).toEqual(split.within);
    const allTime = await blocSplit(d.core, 'belarus', 'sco');
    expect(await timelineIds(d, 'belarus bloc:sco')).toEqual(allTime.within);
  });
  it('a bloc as subject, filtered by another bloc: only the events involving both', async () => {
    const fresh = await dispatcher();
    const add = async (title: string, blocIds: string[]) =>
      (
        await fresh.core.events.add(
          {
            title,
            summary: title,
            kind: 'diplomatic',
            date: { text: '2025-03-01', precision: 'day', start: '2025-03-01', end: '2025-03-01' },
            countryIds: ['kazakhstan'],
            blocIds,
            sources: [{ url: 'https://example.org/b', publisher: 'Example' }],
          },
          'test',
          fresh.core.now(),
        )
      ).id;
    const both = [
      await add('CSTO and SCO secretaries meet', ['csto', 'sco']),
      await add('CSTO, SCO and CIS sign a memorandum', ['csto', 'sco', 'cis']),
    ];
    await add('CSTO-only meeting', ['csto']);
    const split = await blocSplit(fresh.core, 'csto', 'sco');
    expect(split.within.sort()).toEqual(both.sort());
    expect(split.outside.length).toBeGreaterThan(5);
    expect((await timelineIds(fresh, 'csto bloc:sco')).sort()).toEqual(both.sort());
  });
  it('pages with buttons whose state survives a restart', async () => {
    const r = asReply(await d.runText('timeline', 'armenia', member));
    expect(r.actions?.map((a) => a.label)).toEqual(['◀ Newer', 'Older ▶']);
    expect(r.actions![0]!.disabled).toBe(true);
    for (const a of r.actions!) expect(a.id.length).toBeLessThanOrEqual(100);
    // A brand-new dispatcher on the same data answers the button: no in-memory state.
    const fresh = await dispatcher(d.core);
    const page2 = asReply(await fresh.runAction(r.actions![1]!.id, member));
    expect(page2.replaceOriginal).toBe(true);
    expect(textOf(page2)).toContain('Page 2');
    const back = asReply(await fresh.runAction(page2.actions![0]!.id, member));
    expect(textOf(back)).toBe(textOf({ ...r, replaceOriginal: true }));
  });
  it('reports bad filters privately', async () => {
    expect(asReply(await d.runText('timeline', 'belarus bloc:armenia', member)).visibility).toBe('private');
    expect(textOf(await d.runText('timeline', 'belarus from:2025 to:2024', member))).toContain('swap');
  });
});
