import { describe, expect, it } from 'vitest';
import { asReply, admin, blocSplit, dispatcher, member, textOf, timelineIds } from './helpers.ts';
import type { Form, FormErrors, Reply } from '../src/reply.ts';

describe('/csto status', () => {
  const d = dispatcher();
  it('Armenia today: member with participation frozen since 22 Feb 2024, with sourced events', async () => {
    const r = asReply(await d.runText('csto', 'status armenia', member));
    expect(r.visibility).toBe('public');
    const t = textOf(r);
    expect(t).toContain('Member, participation frozen');
    expect(t).toContain('22 Feb 2024');
    expect(t).toContain('Member since: 15 May 1992');
    expect(t).toContain('https://oc-media.org/pashinyan-armenia-has-frozen-its-participation-in-the-csto/');
    expect(t).toContain('Latest status events');
  });
  it('Armenia as of 2023-06-01: a member, and nothing after that date', async () => {
    const t = textOf(await d.runText('csto', 'status armenia as_of:2023-06-01', member));
    expect(t).toMatch(/in the CSTO: Member/);
    expect(t).not.toContain('frozen');
    expect(t).not.toContain('2024');
    expect(t).toContain('As of 1 Jun 2023');
  });
  it('without a country: every member and former member at a glance', async () => {
    const t = textOf(await d.runText('csto', 'status', member));
    for (const name of ['Armenia', 'Belarus', 'Russia', 'Kazakhstan', 'Kyrgyzstan', 'Tajikistan', 'Uzbekistan', 'Azerbaijan', 'Georgia']) expect(t).toContain(name);
    expect(t).toMatch(/Former members \(2\)/);
  });
  it('near misses and non-members get a helpful answer', async () => {
    const miss = asReply(await d.runText('csto', 'status armnia', member));
    expect(miss.visibility).toBe('private');
    expect(textOf(miss)).toContain('Did you mean Armenia?');
    const china = textOf(await d.runText('csto', 'status china', member));
    expect(china).toContain('never been a member of the CSTO');
    expect(china).toContain('SCO');
  });
});

describe('/timeline', () => {
  const d = dispatcher();
  it('Belarus from 2024-01 in the SCO shows membership from 4 Jul 2024', async () => {
    const r = asReply(await d.runText('timeline', 'belarus from:2024-01 bloc:sco', member));
    const t = textOf(r);
    expect(t).toContain('4 Jul 2024');
    expect(t).toMatch(/Belarus.*SCO/);
    // Every page, not only the first: exactly Belarus's SCO events, none of its other blocs' events.
    const split = blocSplit(d.core, 'belarus', 'sco', '2024-01-01');
    expect(split.outside.length).toBeGreaterThan(0);
    expect(await timelineIds(d, 'belarus from:2024-01 bloc:sco')).toEqual(split.within);
    const allTime = blocSplit(d.core, 'belarus', 'sco');
    expect(await timelineIds(d, 'belarus bloc:sco')).toEqual(allTime.within);
  });
  it('a bloc as subject, filtered by another bloc: only the events involving both', async () => {
    const fresh = dispatcher();
    const add = (title: string, blocIds: string[]) =>
      fresh.core.events.add(
        { title, summary: title, kind: 'diplomatic', date: { text: '2025-03-01', precision: 'day', start: '2025-03-01', end: '2025-03-01' }, countryIds: ['kazakhstan'], blocIds, sources: [{ url: 'https://example.org/b', publisher: 'Example' }] },
        'test',
        fresh.core.now(),
      ).id;
    const both = [add('CSTO and SCO secretaries meet', ['csto', 'sco']), add('CSTO, SCO and CIS sign a memorandum', ['csto', 'sco', 'cis'])];
    add('CSTO-only meeting', ['csto']);
    const split = blocSplit(fresh.core, 'csto', 'sco');
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
    const fresh = dispatcher(d.core);
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

describe('/search', () => {
  it('pages forward and back through results too long for full pages, none skipped or repeated', async () => {
    const d = dispatcher();
    const ids = Array.from({ length: 13 }, (_, n) =>
      d.core.events.add(
        {
          title: `Quillwort entry ${n}`,
          summary: 'quillwort',
          kind: 'other',
          date: { text: '2021-01-01', precision: 'day', start: '2021-01-01', end: '2021-01-01' },
          countryIds: ['armenia'],
          blocIds: [],
          sources: Array.from({ length: 5 }, (_, k) => ({ url: `https://example.org/${'q'.repeat(420)}/${n}/${k}`, publisher: `P${n}.${k}` })),
        },
        'test',
        d.core.now(),
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
    expect(back.flat().sort((a, b) => a - b)).toEqual(pages.slice(0, -1).flat().sort((a, b) => a - b));
  });

  it('finds the ambassador recalls, ranked, with excerpts and paging', async () => {
    const d = dispatcher();
    const t = textOf(await d.runText('search', 'ambassador', member));
    expect(t).toMatch(/ambassador/i);
    expect(t).toContain('Russia');
    const none = textOf(await d.runText('search', 'zzzzqqq', member));
    expect(none).toContain('Nothing matches');
  });
});

describe('/event', () => {
  it('shows one event with its sources', async () => {
    const d = dispatcher();
    const r = asReply(await d.runText('event', 'show 12', member));
    expect(r.visibility).toBe('public');
    expect(r.title).toMatch(/^#12 · /);
    expect(textOf(r)).toMatch(/https?:\/\//);
    expect(textOf(await d.runText('event', 'show 99999', member))).toContain('No event #99999');
    expect(textOf(await d.runText('event', 'show twelve', member))).toContain('not an event number');
  });

  it('refuses admin actions to non-admins, changing nothing', async () => {
    const d = dispatcher();
    for (const text of ['add', 'edit 12', 'delete 12']) {
      const r = asReply(await d.runText('event', text, member));
      expect(r.visibility).toBe('private');
      expect(textOf(r)).toContain('Only editors');
    }
    expect(textOf(await d.runAction('event:delete:12:1', member))).toContain('Only editors');
    expect(textOf(await d.submitForm('event:add:other', {}, member))).toContain('Only editors');
    expect(d.core.events.get(12)).toBeDefined();
  });

  it('adds through the form; a bad date is named and nothing is stored', async () => {
    const d = dispatcher();
    const form = (await d.runText('event', 'add kind:diplomatic', admin)) as Form;
    expect(form.kind).toBe('form');
    expect(form.fields.map((f) => f.id)).toEqual(['title', 'date', 'countries', 'summary', 'sources']);
    const count = () => (d.core.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const before = count();
    const values = { title: 'Test visit', date: '2024-31-01', countries: 'Armenia', summary: 'Visit.', sources: 'https://example.org/x' };
    const bad = (await d.submitForm(form.id, values, admin)) as FormErrors;
    expect(bad.kind).toBe('form_errors');
    expect(Object.keys(bad.errors)).toEqual(['date']);
    expect(bad.errors.date).toContain('YYYY-MM-DD');
    expect(bad.form.fields.find((f) => f.id === 'title')!.value).toBe('Test visit');
    expect(count()).toBe(before);

    const ok = asReply(await d.submitForm(form.id, { ...values, date: '2024-01-31' }, admin));
    expect(ok.visibility).toBe('private');
    expect(ok.title).toMatch(/Event #\d+ added/);
    expect(count()).toBe(before + 1);
    const id = Number(/#(\d+)/.exec(ok.title!)![1]);
    expect(d.core.events.get(id)!.kind).toBe('diplomatic');
  });

  it('edits with the form pre-filled, and deletes after confirming', async () => {
    const d = dispatcher();
    const form = (await d.runText('event', 'edit 12', admin)) as Form;
    expect(form.kind).toBe('form');
    const original = d.core.events.get(12)!;
    expect(form.fields.find((f) => f.id === 'title')!.value).toBe(original.title);
    const values = Object.fromEntries(form.fields.map((f) => [f.id, f.value ?? '']));
    const saved = asReply(await d.submitForm(form.id, { ...values, title: 'Corrected title' }, admin));
    expect(saved.title).toBe('Event #12 updated');
    expect(d.core.events.get(12)!.revision).toBe(2);
    // The same (now stale) form cannot overwrite the newer revision; it stays open with what was typed.
    const stale = (await d.submitForm(form.id, values, admin)) as FormErrors;
    expect(stale.kind).toBe('form_errors');
    expect(stale.errors.title).toContain('changed by someone else');
    expect(stale.form.fields.find((f) => f.id === 'title')!.value).toBe(values.title);
    expect(d.core.events.get(12)!.title).toBe('Corrected title');

    const confirm = asReply(await d.runText('event', 'delete 12', admin));
    expect(confirm.visibility).toBe('private');
    expect(d.core.events.get(12)).toBeDefined();
    const del = confirm.actions!.find((a) => a.style === 'danger')!;
    expect(textOf(await d.runAction(del.id, admin))).toContain('deleted');
    expect(d.core.events.get(12)).toBeUndefined();
    expect(textOf(await d.runAction(del.id, admin))).toContain('No event #12');
  });

  it('an unchanged edit keeps every source whole, with its curated publisher', async () => {
    const d = dispatcher();
    // The OC Media report of Armenia's freeze, found by its seed key (ids follow the dataset's order).
    const id = (d.core.db.prepare('SELECT id FROM events WHERE seed_key = ?').get('am-csto-participation-frozen-2024') as { id: number }).id;
    const base = d.core.events.get(id)!;
    const long = Array.from({ length: 5 }, (_, i) => ({ url: `https://example.org/${String(i).repeat(470)}`, publisher: `Publisher ${i}` }));
    const before = d.core.events.edit(id, { title: base.title, summary: base.summary, kind: base.kind, date: base.date, countryIds: base.countries.map((c) => c.id), blocIds: base.blocs.map((b) => b.id), sources: [...base.sources, ...long].slice(0, 5) }, 'test', d.core.now(), base.revision);
    const form = (await d.runText('event', `edit ${id}`, admin)) as Form;
    const sources = form.fields.find((f) => f.id === 'sources')!;
    expect(sources.value!.length).toBeLessThanOrEqual(sources.maxLength!);
    const values = Object.fromEntries(form.fields.map((f) => [f.id, f.value ?? '']));
    expect(asReply(await d.submitForm(form.id, values, admin)).title).toBe(`Event #${id} updated`);
    expect(d.core.events.get(id)!.sources).toEqual(before.sources);
    expect(d.core.events.get(id)!.sources[0]!.publisher).toBe('OC Media');
  });
});
