import { describe, expect, it } from 'vitest';
import { asReply, dispatcher, member, textOf } from '../helpers.ts';
import type { Reply } from '../../src/reply.ts';

describe('/search', () => {
  it('pages forward and back through results too long for full pages, none skipped or repeated', async () => {
    const d = await dispatcher();
    const ids: number[] = [];
    for (let n = 0; n < 13; n++)
      ids.push(
        (
          await d.core.events.add(
            {
              title: `Quillwort entry ${n}`,
              summary: 'quillwort',
              kind: 'other',
              date: { text: '2021-01-01', precision: 'day', start: '2021-01-01', end: '2021-01-01' },
              countryIds: ['armenia'],
              blocIds: [],
              sources: Array.from({ length: 5 }, (_, k) => ({
                url: `https://example.org/${'q'.repeat(420)}/${n}/${k}`,
                publisher: `P${n}.${k}`,
              })),
            },
            'test',
            d.core.now(),
          )
        ).id,
      );
    const idsOn = (r: Reply) => (r.blocks.find((b) => b.type === 'events') as { events: { id: number }[] }).events.map((e) => e.id);
    const button = (r: Reply, label: RegExp) => r.actions!.find((a) => label.test(a.label))!;
    const pages: number[][] = [];
    let r = asReply(await d.runText('search', 'quillwort', member));
    for (;;) {
      pages.push(idsOn(r));
      const more = button(r, /More/);
      if (more.disabled) break;
      r = asReply(await d.runAction(more.id, member));
    }
    expect(pages.some((p) => p.length < 5)).toBe(true); // the budget, not the page size, cut some pages
    expect(pages.flat().sort((a, b) => a - b)).toEqual(ids);
    // Back from the last page: every page again, in reverse, until Previous is disabled.
    const back: number[][] = [];
    for (let prev = button(r, /Previous/); !prev.disabled; prev = button(r, /Previous/)) {
      r = asReply(await d.runAction(prev.id, member));
      back.push(idsOn(r));
    }
    expect(back.flat().sort((a, b) => a - b)).toEqual(
      pages
        .slice(0, -1)
        .flat()
        .sort((a, b) => a - b),
    );
  });

  it('finds the ambassador recalls, ranked, with excerpts and paging', async () => {
    const d = await dispatcher();
    const t = textOf(await d.runText('search', 'ambassador', member));
    expect(t).toMatch(/ambassador/i);
    expect(t).toContain('Russia');
    const none = textOf(await d.runText('search', 'zzzzqqq', member));
    expect(none).toContain('Nothing matches');
  });
});
