// One story, one draft, one review card: reports of one event from several outlets and in Russian and
// English merge into one pending draft, in one pass or over several, by polling or by /event import;
// the merged draft is never announced again; a report of another event the same day, or of the same
// event a week on, stays apart; a leader's country shows on the draft though no report names it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeUrl } from '../../src/intake/pipeline/parts.ts';
import { articlePage } from './feed-server.ts';
import { intakeWorld, type IntakeWorld } from './setup.ts';

interface Report {
  slug: string;
  outlet: string;
  title: string;
  paragraphs: string[];
  published: string;
}

const SCO_EN: Report = {
  slug: 'en-sco',
  outlet: 'Steppe Wire',
  title: 'Belarus becomes a full member of the Shanghai Cooperation Organisation',
  published: '2024-07-04T12:00:00+06:00',
  paragraphs: [
    'Belarus was admitted as a full member of the Shanghai Cooperation Organisation at the bloc’s summit in Astana on Thursday, becoming its tenth member state.',
    'Kazakh President Kassym-Jomart Tokayev opened the session by proposing that the leaders sign the documents on Belarus’s accession, and congratulated Alexander Lukashenko.',
    'Belarus had been a dialogue partner of the organisation since 2010 and an observer since 2015.',
  ],
};
const SCO_EN2: Report = {
  slug: 'en-sco-2',
  outlet: 'Caucasus Daily',
  title: 'SCO admits Belarus as its tenth member at Astana summit',
  published: '2024-07-04T15:30:00+03:00',
  paragraphs: [
    'Leaders of the Shanghai Cooperation Organisation signed a decision on Thursday granting Belarus full membership, at their summit in the Kazakh capital Astana.',
    'Tokayev, who chaired the meeting, said Belarus had completed the procedures for membership in a short time. Lukashenko thanked the hosts.',
    'The accession process began in Samarkand in September 2022.',
  ],
};
const SCO_RU: Report = {
  slug: 'ru-sco',
  outlet: 'Минские вести',
  title: 'Беларусь стала полноправным членом ШОС',
  published: '2024-07-04T13:00:00+03:00',
  paragraphs: [
    'В четверг на саммите Шанхайской организации сотрудничества в Астане Беларусь получила статус полноправного члена организации и стала её десятым участником.',
    'Президент Казахстана Касым-Жомарт Токаев предложил начать заседание с подписания документов о приёме Беларуси и поздравил Александра Лукашенко.',
    'С 2010 года Беларусь была партнёром ШОС по диалогу, а с 2015 года имела статус наблюдателя.',
  ],
};
// The same day, the same city's news, another story.
const BIDEN: Report = {
  slug: 'en-biden',
  outlet: 'Caucasus Daily',
  title: 'Pashinyan writes to Biden proposing a strategic partnership',
  published: '2024-07-04T18:00:00+03:00',
  paragraphs: [
    'Armenian Prime Minister Nikol Pashinyan sent a message to US President Joe Biden on Thursday, the American Independence Day, proposing to raise relations to a strategic partnership.',
    'Pashinyan wrote that Armenia was ready to deepen cooperation on democracy, security and the economy.',
    'Washington has expanded its ties with Yerevan since Armenia froze its participation in the Moscow-led CSTO.',
  ],
};

// Another story, two languages, neither naming Russia: its president stands for it, as editors read it.
const PUTIN_EN: Report = {
  slug: 'en-putin-bishkek',
  outlet: 'Steppe Wire',
  title: 'Putin arrives in Kyrgyzstan for talks with Japarov',
  published: '2023-10-12T10:00:00+06:00',
  paragraphs: [
    'Vladimir Putin arrived in Bishkek on Thursday for talks with Kyrgyz President Sadyr Japarov ahead of the CIS summit, his first trip abroad since the ICC warrant.',
    'Japarov met Putin at the airport; the two presidents are to sign agreements on security and military cooperation.',
  ],
};
const PUTIN_RU: Report = {
  slug: 'ru-putin-bishkek',
  outlet: 'Минские вести',
  title: 'Путин прибыл в Бишкек на переговоры с Жапаровым',
  published: '2023-10-12T11:00:00+06:00',
  paragraphs: [
    'В четверг Владимир Путин прибыл в Бишкек на переговоры с президентом Киргизии Садыром Жапаровым накануне саммита СНГ.',
    'Жапаров встретил Путина в аэропорту; президенты подпишут соглашения о безопасности и военном сотрудничестве.',
  ],
};

let w: IntakeWorld;
beforeEach(async () => {
  w = await intakeWorld();
});
afterEach(async () => w.cleanup());

/** Each report on its outlet's site, and a feed per outlet listing them. */
async function publish(reports: Report[]): Promise<void> {
  const byOutlet = new Map<string, Report[]>();
  for (const r of reports) {
    w.server.page(`/${r.slug}`, articlePage({ title: r.title, paragraphs: r.paragraphs }, r.outlet, r.published));
    byOutlet.set(r.outlet, [...(byOutlet.get(r.outlet) ?? []), r]);
  }
  for (const [outlet, rs] of byOutlet) {
    const path = `/feed/${encodeURIComponent(outlet)}.xml`;
    w.server.feed(path, {
      title: outlet,
      items: rs.map((r) => ({ guid: r.slug, link: `/${r.slug}`, title: r.title, description: r.paragraphs[0], publishedAt: r.published })),
    });
    if (!(await w.intake.sources.byKey(normalizeUrl(w.server.url(path))!))) {
      await w.intake.sources.add(
        {
          url: w.server.url(path),
          urlKey: normalizeUrl(w.server.url(path))!,
          name: outlet,
          countries: [],
          blocs: [],
          backfill: 20,
          addedBy: 'test',
        },
        w.core.now(),
      );
    }
  }
}

const draftOf = async (slug: string) =>
  (await w.intake.drafts.get((await w.intake.drafts.withUrl(normalizeUrl(w.server.url(`/${slug}`))!))!.draftId))!;

describe('one story, one draft', () => {
  it('merges reports in English and Russian in one pass, keeps another story apart, and posts one card each', async () => {
    await publish([SCO_EN, SCO_RU, SCO_EN2, BIDEN]);
    const r = await w.intake.pass();
    expect(r.drafted).toHaveLength(2);
    const sco = await draftOf('en-sco');
    expect(sco.sources.map((s) => s.publisher).sort()).toEqual(['Caucasus Daily', 'Steppe Wire', 'Минские вести']);
    expect(sco.sources.map((s) => s.lang)).toEqual(['eng', 'eng', 'rus']);
    // The headline of an English report, the day they agree on, what they are all about.
    expect([SCO_EN.title, SCO_EN2.title]).toContain(sco.title);
    expect(sco.date.text).toBe('2024-07-04');
    expect(sco.countries).toContain('belarus');
    expect(sco.blocs).toContain('sco');
    expect((await draftOf('en-biden')).id).not.toBe(sco.id);
    // One card per draft, none for the reports that joined one.
    expect(w.told.map((c) => c.title).sort()).toEqual(r.drafted.map((d) => `Draft #${d.id}`).sort());
  });

  it('adds a later report to the pending draft without a second card, by polling or by /event import', async () => {
    await publish([SCO_EN]);
    const first = await w.intake.pass();
    expect(first.drafted).toHaveLength(1);
    expect(w.told).toHaveLength(1);

    await publish([SCO_RU]);
    const second = await w.intake.pass({ force: true });
    expect(second.drafted).toHaveLength(0);
    expect(second.polled.flatMap((p) => p.merged).map((d) => d.id)).toEqual([first.drafted[0]!.id]);
    expect(w.told).toHaveLength(1);

    w.server.page(
      `/${SCO_EN2.slug}`,
      articlePage({ title: SCO_EN2.title, paragraphs: SCO_EN2.paragraphs }, SCO_EN2.outlet, SCO_EN2.published),
    );
    const imported = await w.intake.importUrl(w.server.url(`/${SCO_EN2.slug}`), 'editor');
    expect(imported).toMatchObject({ kind: 'merged', draft: { id: first.drafted[0]!.id } });
    expect(w.told).toHaveLength(1);
    expect(await w.intake.drafts.pendingCount()).toBe(1);
    expect((await draftOf('en-sco')).sources).toHaveLength(3);
  });

  it('keeps a report of the same words a week on apart: reports of one story are days apart at most', async () => {
    await publish([SCO_EN]);
    await w.intake.pass();
    const weekLater = { ...SCO_EN2, slug: 'en-sco-late', published: '2024-07-11T15:30:00+03:00' };
    await publish([weekLater]);
    const late = await w.intake.pass({ force: true });
    expect(late.drafted).toHaveLength(1);
    // Two days on, it is the same story.
    const soon = { ...SCO_EN2, slug: 'en-sco-soon', outlet: 'Third Outlet', published: '2024-07-06T09:00:00+03:00' };
    await publish([soon]);
    const merged = await w.intake.pass({ force: true });
    expect(merged.drafted).toHaveLength(0);
    expect((await draftOf('en-sco-soon')).id).toBe((await draftOf('en-sco')).id);
  });

  it("shows a leader's country on the draft it merges into, in both languages", async () => {
    await publish([PUTIN_EN, PUTIN_RU]);
    const r = await w.intake.pass();
    expect(r.drafted).toHaveLength(1);
    const draft = await draftOf('en-putin-bishkek');
    expect(draft.sources.map((s) => s.lang)).toEqual(['eng', 'rus']);
    expect(draft.countries).toEqual(['kyrgyzstan', 'russia']);
    expect(draft.date.text).toBe('2023-10-12');
  });
});
