import { describe, expect, it } from 'vitest';
import { asReply, admin, dispatcher, member, textOf } from '../helpers.ts';
import type { Form, FormErrors } from '../../src/reply.ts';

describe('/event', () => {
  it('shows one event with its sources', async () => {
    const d = await dispatcher();
    const r = asReply(await d.runText('event', 'show 12', member));
    expect(r.visibility).toBe('public');
    expect(r.title).toMatch(/^#12 · /);
    expect(textOf(r)).toMatch(/https?:\/\//);
    expect(textOf(await d.runText('event', 'show 99999', member))).toContain('No event #99999');
    expect(textOf(await d.runText('event', 'show twelve', member))).toContain('not an event number');
  });

  it('refuses admin actions to non-admins, changing nothing', async () => {
    const d = await dispatcher();
    for (const text of ['add', 'edit 12', 'delete 12']) {
      const r = asReply(await d.runText('event', text, member));
      expect(r.visibility).toBe('private');
      expect(textOf(r)).toContain('Only editors');
    }
    expect(textOf(await d.runAction('event:delete:12:1', member))).toContain('Only editors');
    expect(textOf(await d.submitForm('event:add:other', {}, member))).toContain('Only editors');
    expect(await d.core.events.get(12)).toBeDefined();
  });

  it('adds through the form; a bad date is named and nothing is stored', async () => {
    const d = await dispatcher();
    const form = (await d.runText('event', 'add kind:diplomatic', admin)) as Form;
    expect(form.kind).toBe('form');
    expect(form.fields.map((f) => f.id)).toEqual(['title', 'date', 'countries', 'summary', 'sources']);
    const count = async () => ((await d.core.sql.get('SELECT count(*) AS n FROM events')) as { n: number }).n;
    const before = await count();
    const values = { title: 'Test visit', date: '2024-31-01', countries: 'Armenia', summary: 'Visit.', sources: 'https://example.org/x' };
    const bad = (await d.submitForm(form.id, values, admin)) as FormErrors;
    expect(bad.kind).toBe('form_errors');
    expect(Object.keys(bad.errors)).toEqual(['date']);
    expect(bad.errors.date).toContain('YYYY-MM-DD');
    expect(bad.form.fields.find((f) => f.id === 'title')!.value).toBe('Test visit');
    expect(await count()).toBe(before);

    const ok = asReply(await d.submitForm(form.id, { ...values, date: '2024-01-31' }, admin));
    expect(ok.visibility).toBe('private');
    expect(ok.title).toMatch(/Event #\d+ added/);
    expect(await count()).toBe(before + 1);
    const id = Number(/#(\d+)/.exec(ok.title!)![1]);
    expect((await d.core.events.get(id))!.kind).toBe('diplomatic');
  });

  it('edits with the form pre-filled, and deletes after confirming', async () => {
    const d = await dispatcher();
    const form = (await d.runText('event', 'edit 12', admin)) as Form;
    expect(form.kind).toBe('form');
    const original = (await d.core.events.get(12))!;
    expect(form.fields.find((f) => f.id === 'title')!.value).toBe(original.title);
    const values = Object.fromEntries(form.fields.map((f) => [f.id, f.value ?? '']));
    const saved = asReply(await d.submitForm(form.id, { ...values, title: 'Corrected title' }, admin));
    expect(saved.title).toBe('Event #12 updated');
    expect((await d.core.events.get(12))!.revision).toBe(2);
    // The same (now stale) form cannot overwrite the newer revision; it stays open with what was typed.
    const stale = (await d.submitForm(form.id, values, admin)) as FormErrors;
    expect(stale.kind).toBe('form_errors');
    expect(stale.errors.title).toContain('changed by someone else');
    expect(stale.form.fields.find((f) => f.id === 'title')!.value).toBe(values.title);
    expect((await d.core.events.get(12))!.title).toBe('Corrected title');

    const confirm = asReply(await d.runText('event', 'delete 12', admin));
    expect(confirm.visibility).toBe('private');
    expect(await d.core.events.get(12)).toBeDefined();
    const del = confirm.actions!.find((a) => a.style === 'danger')!;
    expect(textOf(await d.runAction(del.id, admin))).toContain('deleted');
    expect(await d.core.events.get(12)).toBeUndefined();
    expect(textOf(await d.runAction(del.id, admin))).toContain('No event #12');
  });

  it('an unchanged edit keeps every source whole, with its curated publisher', async () => {
    const d = await dispatcher();
    // The OC Media report of Armenia's freeze, found by its seed key (ids follow the dataset's order).
    const id = ((await d.core.sql.get('SELECT id FROM events WHERE seed_key = ?', ['am-csto-participation-frozen-2024'])) as { id: number })
      .id;
    const base = (await d.core.events.get(id))!;
    const long = Array.from({ length: 5 }, (_, i) => ({
      url: `https://example.org/${String(i).repeat(470)}`,
      publisher: `Publisher ${i}`,
    }));
    const before = await d.core.events.edit(
      id,
      {
        title: base.title,
        summary: base.summary,
        kind: base.kind,
        date: base.date,
        countryIds: base.countries.map((c) => c.id),
        blocIds: base.blocs.map((b) => b.id),
        sources: [...base.sources, ...long].slice(0, 5),
      },
      'test',
      d.core.now(),
      base.revision,
    );
    const form = (await d.runText('event', `edit ${id}`, admin)) as Form;
    const sources = form.fields.find((f) => f.id === 'sources')!;
    expect(sources.value!.length).toBeLessThanOrEqual(sources.maxLength!);
    const values = Object.fromEntries(form.fields.map((f) => [f.id, f.value ?? '']));
    expect(asReply(await d.submitForm(form.id, values, admin)).title).toBe(`Event #${id} updated`);
    expect((await d.core.events.get(id))!.sources).toEqual(before.sources);
    expect((await d.core.events.get(id))!.sources[0]!.publisher).toBe('OC Media');
  });
});
