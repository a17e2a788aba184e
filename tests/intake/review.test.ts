// Review: drafts stay out of every published answer until approved; approval writes event, sources and
// audit in one transaction, exactly once; a further-source draft edits its event; rejection records who.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestComposer } from '../../src/digest/compose.ts';
import { validateEvent } from '../../src/domain/event-input.ts';
import { ConflictError } from '../../src/domain/event-record.ts';
import { DraftDecidedError, type Draft } from '../../src/intake/pipeline/drafts.ts';
import { normalizeUrl } from '../../src/intake/pipeline/parts.ts';
import { bySql } from '../../src/store/sql.ts';
import { admin, dispatcher, member, textOf } from '../helpers.ts';
import { draftsOf, intakeWorld, itemFor, SEEDS, type IntakeWorld } from './setup.ts';

let w: IntakeWorld;
let drafts: Draft[];
/** A fresh database each time with drafts of seeds 0, 1 and 3. */
beforeEach(async () => {
  w = await intakeWorld();
  const path = '/feed.xml';
  w.server.feed(path, { title: 'Outlet A', items: [0, 1, 3].map((i) => itemFor(SEEDS[i]!, i)) });
  await w.intake.sources.add(
    {
      url: w.server.url(path),
      urlKey: normalizeUrl(w.server.url(path)),
      name: 'Outlet A',
      countries: [],
      blocs: [],
      backfill: 3,
      addedBy: 'test',
    },
    w.core.now(),
  );
  drafts = await draftsOf(w.intake, await w.intake.pass());
  expect(drafts).toHaveLength(3);
});
afterEach(async () => w.cleanup());

const auditOf = async (eventId: number) =>
  await w.core.sql.all<{ action: string; actor: string; after: string }>(
    'SELECT action, actor, after FROM audit_log WHERE event_id = ? ORDER BY id',
    [eventId],
  );

describe('before approval', () => {
  it('nothing from a draft shows in /timeline, /search, /csto status or a digest', async () => {
    const d = await dispatcher(w.core);
    const digest = new DigestComposer(w.core, w.core.digests);
    const from = await digest.changeBefore(new Date('2000-01-01'));
    const everywhere = async () =>
      [
        textOf(await d.runText('timeline', 'armenia', member)),
        textOf(await d.runText('timeline', 'belarus', member)),
        textOf(await d.runText('search', 'strategic partnership', member)),
        textOf(await d.runText('search', 'envoy', member)),
        textOf(await d.runText('csto', 'status armenia', member)),
        JSON.stringify((await digest.compose({ countries: [], blocs: [] }, from, { title: 'digest' })).reply ?? {}),
      ].join('\n');
    const before = await everywhere();
    for (const x of drafts) expect(before).not.toContain(x.title);

    // The same dispatcher (whose answer cache held the answers above) sees an approved draft at once.
    const e = await w.intake.drafts.approve(drafts[1]!.id, 'console:editor', w.core.now());
    const after = [textOf(await d.runText('search', 'envoy', member)), textOf(await d.runText('timeline', 'belarus', member))].join('\n');
    expect(after).toContain(e.title);
  });
});

describe('approve', () => {
  it('makes the event, its sources and its audit entry, and records the approver', async () => {
    const d = drafts[0]!;
    const e = await w.intake.drafts.approve(d.id, 'discord:42', w.core.now());
    expect(e).toMatchObject({ title: d.title, summary: d.summary, kind: d.kind, date: d.date, revision: 1 });
    expect(e.sources).toEqual(d.sources.map((s) => ({ url: s.url, publisher: s.publisher })));
    expect(e.countries.map((c) => c.id)).toEqual(d.countries);
    expect(await w.intake.drafts.get(d.id)).toMatchObject({
      status: 'approved',
      decidedBy: 'discord:42',
      decidedAt: w.core.now().toISOString(),
      resultingEventId: e.id,
    });
    const audit = await auditOf(e.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'add', actor: 'discord:42' });
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ draft: d.id, title: d.title });
    // /event history names the approval and its draft, and lists no "draft" field among the changes.
    const [revision] = (await w.core.history.of(e.id)).revisions;
    expect(revision).toMatchObject({ action: 'add', platform: 'discord', user: '42', draft: d.id });
    expect(revision!.changes.map((c) => c.field)).not.toContain('draft');
  });

  it('a second approval of the same draft is refused and makes no second event', async () => {
    const d = drafts[0]!;
    const count = async () => (await w.core.sql.get<{ n: number }>('SELECT count(*) AS n FROM events'))!.n;
    const before = await count();
    await w.intake.drafts.approve(d.id, 'slack:U1', w.core.now());
    await expect(w.intake.drafts.approve(d.id, 'slack:U2', w.core.now())).rejects.toThrow(DraftDecidedError);
    await expect(w.intake.drafts.reject(d.id, 'slack:U2', w.core.now())).rejects.toThrow(/already approved by slack:U1/);
    expect(await count()).toBe(before + 1);
  });

  it('an approved event reaches the digest exactly like a hand-added one', async () => {
    const composer = new DigestComposer(w.core, w.core.digests);
    const from = await composer.changeBefore(new Date(w.core.now().getTime() + 1000));
    const approved = await w.intake.drafts.approve(drafts[2]!.id, 'console:editor', w.core.now());
    const v = validateEvent(
      {
        title: 'A hand-added event about Armenia',
        date: '2026-11-20',
        countries: 'Armenia',
        summary: 'Typed by an editor.',
        sources: 'https://example.org/hand',
      },
      w.core.entities,
      w.core.now(),
    );
    if (!v.ok) throw new Error('invalid');
    const hand = await w.core.events.add(v.value, 'console:editor', w.core.now());
    const composed = await composer.compose({ countries: ['armenia'], blocs: [] }, from, { title: 'Daily digest' });
    expect(composed.changes.map((c) => [c.event.id, c.mark])).toEqual([
      [approved.id, 'new'],
      [hand.id, 'new'],
    ]);
    const body = JSON.stringify(composed.reply);
    expect(body).toContain(approved.title);
    expect(body).toContain(hand.title);
  });

  it('a draft proposing a further source edits its event (revision checked); a full event refuses and nothing changes', async () => {
    const v = validateEvent(
      { title: 'Earlier report', date: '2026-11-18', countries: 'Armenia', summary: 'x', sources: 'https://example.org/1' },
      w.core.entities,
      w.core.now(),
    );
    if (!v.ok) throw new Error('invalid');
    const target = await w.core.events.add(v.value, 'console:editor', w.core.now());
    await w.core.sql.run('UPDATE intake_drafts SET event_id = ? WHERE id IN (?, ?)', [target.id, drafts[0]!.id, drafts[1]!.id]);
    const e = await w.intake.drafts.approve(drafts[0]!.id, 'console:editor', w.core.now());
    expect(e.id).toBe(target.id);
    expect(e.revision).toBe(2);
    expect(e.title).toBe('Earlier report');
    expect(e.sources.map((s) => s.url)).toEqual(['https://example.org/1', drafts[0]!.sources[0]!.url]);
    expect((await auditOf(target.id)).at(-1)).toMatchObject({ action: 'edit' });
    expect(JSON.parse((await auditOf(target.id)).at(-1)!.after).draft).toBe(drafts[0]!.id);
    expect((await w.intake.drafts.get(drafts[0]!.id))!.resultingEventId).toBe(target.id);

    // Fill the event to its source limit: the next approval fails as a whole.
    const full = { ...v.value, sources: [1, 2, 3, 4, 5].map((n) => ({ url: `https://example.org/${n}`, publisher: 'example.org' })) };
    const filled = await w.core.events.edit(target.id, full, 'console:editor', w.core.now());
    await expect(w.intake.drafts.approve(drafts[1]!.id, 'console:editor', w.core.now())).rejects.toThrow(ConflictError);
    expect((await w.intake.drafts.get(drafts[1]!.id))!.status).toBe('pending');
    expect((await w.core.events.get(target.id))!.revision).toBe(filled.revision);
  });

  it('another editor approving between the check and the write makes the later approval fail as a whole', async () => {
    const count = async () => (await w.core.sql.get<{ n: number }>('SELECT count(*) AS n FROM events'))!.n;
    const before = await count();
    const id = drafts[0]!.id;
    // While this approval writes its event, another editor's approval of the same draft lands.
    const race = `UPDATE intake_drafts SET status = 'approved', decided_by = 'discord:other', decided_at = 'x', resulting_event_id = new.id
      WHERE id = ${id} AND status = 'pending';`;
    await w.core.sql.exec(
      bySql(w.core.sql, {
        sqlite: `CREATE TEMP TRIGGER race AFTER INSERT ON events BEGIN ${race} END`,
        postgres: `CREATE FUNCTION race() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${race} RETURN new; END $$;
          CREATE TRIGGER race AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION race();`,
      }),
    );
    try {
      await expect(w.intake.drafts.approve(id, 'discord:late', w.core.now())).rejects.toThrow(DraftDecidedError);
    } finally {
      await w.core.sql.exec(
        bySql(w.core.sql, { sqlite: 'DROP TRIGGER race', postgres: 'DROP TRIGGER race ON events; DROP FUNCTION race();' }),
      );
    }
    expect(await count()).toBe(before);
  });

  it('a failure inside the approval leaves the draft pending and stores no event', async () => {
    const count = async () => (await w.core.sql.get<{ n: number }>('SELECT count(*) AS n FROM events'))!.n;
    const before = await count();
    // Make the final step fail: a trigger refusing the decision stands in for a crash mid-write.
    await w.core.sql.exec(
      bySql(w.core.sql, {
        sqlite: `CREATE TEMP TRIGGER refuse BEFORE UPDATE OF status ON intake_drafts BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
        postgres: `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
          CREATE TRIGGER refuse BEFORE UPDATE OF status ON intake_drafts FOR EACH ROW EXECUTE FUNCTION refuse();`,
      }),
    );
    try {
      await expect(w.intake.drafts.approve(drafts[0]!.id, 'console:editor', w.core.now())).rejects.toThrow(/disk full/);
    } finally {
      await w.core.sql.exec(
        bySql(w.core.sql, { sqlite: 'DROP TRIGGER refuse', postgres: 'DROP TRIGGER refuse ON intake_drafts; DROP FUNCTION refuse();' }),
      );
    }
    expect(await count()).toBe(before);
    expect((await w.intake.drafts.get(drafts[0]!.id))!.status).toBe('pending');
  });
});

describe('reject', () => {
  it('records who and when; the draft can no longer be approved', async () => {
    const d = await w.intake.drafts.reject(drafts[0]!.id, 'slack:U9', w.core.now());
    expect(d).toMatchObject({ status: 'rejected', decidedBy: 'slack:U9', decidedAt: w.core.now().toISOString(), resultingEventId: null });
    const audit = await w.core.sql.all<{ actor: string; event_id: number | null; before: string }>(
      "SELECT action, actor, event_id, before FROM audit_log WHERE action = 'reject'",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'slack:U9', event_id: null });
    expect(JSON.parse(audit[0]!.before)).toMatchObject({ draft: d.id, title: d.title });
    await expect(w.intake.drafts.approve(d.id, 'slack:U9', w.core.now())).rejects.toThrow(/already rejected by slack:U9/);
  });
});

describe('/review through the dispatcher', () => {
  it('editors only; a card per draft with Approve, Edit, Reject and paging', async () => {
    const d = await dispatcher(w.core);
    expect(textOf(await d.runText('review', '', member))).toContain('Only editors');
    const r = await d.runText('review', '', admin);
    if (r.kind !== 'reply') throw new Error('expected a reply');
    expect(r.visibility).toBe('private');
    const t = textOf(r);
    expect(t).toMatch(/Draft #\d+/);
    expect(t).toContain('Proposed date');
    expect(t).toContain('Why it matched');
    expect(t).toContain('Outlet A');
    expect(r.actions!.map((a) => a.label)).toEqual(['Approve', 'Edit', 'Reject', '◀ Previous', 'Next ▶']);
    for (const a of r.actions!) expect(a.id.length).toBeLessThanOrEqual(100);
    expect(await d.runAction(r.actions![0]!.id, member)).toMatchObject({ tone: 'error' });
    expect(textOf(await d.runText('review', String(drafts[2]!.id), admin))).toContain(`Draft #${drafts[2]!.id}`);
    expect(textOf(await d.runText('review', '999', admin))).toContain('No draft #999');
    const next = await d.runAction(r.actions![4]!.id, admin);
    expect(textOf(next)).not.toBe(t);
    expect(next).toMatchObject({ replaceOriginal: true });
  });

  it('Approve publishes once; a second press says who was first', async () => {
    const d = await dispatcher(w.core);
    const id = drafts[0]!.id;
    const ok = await d.runAction(`review:approve:${id}`, admin);
    expect(ok).toMatchObject({ tone: 'success', replaceOriginal: true });
    expect(textOf(ok)).toContain(`Draft #${id} approved: event #`);
    const again = await d.runAction(`review:approve:${id}`, admin);
    expect(textOf(again)).toContain('already approved by console:tester');
  });

  it('Edit opens the event form prefilled; what the editor saves is validated and approved', async () => {
    const d = await dispatcher(w.core);
    const draft = drafts[1]!;
    const form = await d.runAction(`review:edit:${draft.id}`, admin);
    if (form.kind !== 'form') throw new Error('expected a form');
    expect(form.fields.map((f) => f.id)).toEqual(['title', 'date', 'countries', 'summary', 'sources']);
    const values = Object.fromEntries(form.fields.map((f) => [f.id, f.value ?? '']));
    expect(values).toMatchObject({ title: draft.title, date: draft.date.text, sources: draft.sources[0]!.url });
    const bad = await d.submitForm(form.id, { ...values, date: '2026-02-30' }, admin);
    expect(bad.kind).toBe('form_errors');
    expect((await w.intake.drafts.get(draft.id))!.status).toBe('pending');
    const ok = await d.submitForm(form.id, { ...values, title: 'Armenia recalls its ambassador from Minsk' }, admin);
    expect(textOf(ok)).toMatch(/Event #\d+ approved/);
    const approved = (await w.intake.drafts.get(draft.id))!;
    expect(approved.status).toBe('approved');
    const e = (await w.core.events.get(approved.resultingEventId!))!;
    expect(e.title).toBe('Armenia recalls its ambassador from Minsk');
    // The form carries URLs only: the article keeps its publisher.
    expect(e.sources[0]!.publisher).toBe('Outlet A');
  });

  it('Reject answers in place and offers the next draft', async () => {
    const d = await dispatcher(w.core);
    const r = await d.runAction(`review:reject:${drafts[2]!.id}`, admin);
    expect(r).toMatchObject({ replaceOriginal: true });
    expect(textOf(r)).toContain('rejected');
  });
});
