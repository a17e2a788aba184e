// Whether two reports tell one story (src/intake/article/similarity.ts, with the model intake ships):
// paraphrased reports of one event are one story, in English and Russian alike; other stories about the
// same countries in the same days are not; and no score is given across entities or weeks.
import { describe, expect, it } from 'vitest';
import type { EventKind } from '../../../src/domain/types.ts';
import { ENTITIES } from '../../../src/dataset/entities.ts';
import { storyTokensOf } from '../../../src/intake/article/analyze.ts';
import { buildMatcher, trackedEntitiesFrom } from '../../../src/intake/article/matcher.ts';
import { nameSkeleton } from '../../../src/intake/article/names.ts';
import { SAME_STORY_MODEL } from '../../../src/intake/article/models.ts';
import { isSameStory, sameStoryScore, type StoryView } from '../../../src/intake/article/similarity.ts';

const matcher = buildMatcher(trackedEntitiesFrom(ENTITIES));
const BLOCS = new Set(ENTITIES.filter((e) => e.kind === 'bloc').map((e) => e.id));

function story(s: { title: string; summary: string; countries: string[]; date: string; language?: string; kind?: EventKind }): StoryView {
  const countries = s.countries.filter((c) => !BLOCS.has(c));
  const blocs = s.countries.filter((c) => BLOCS.has(c));
  return {
    language: s.language ?? 'eng',
    date: s.date,
    precision: s.date.length === 7 ? 'month' : 'day',
    entities: [...countries, ...blocs],
    countries,
    blocs,
    kind: s.kind ?? 'diplomatic',
    tokens: storyTokensOf(s.title, s.summary, matcher),
  };
}

const charterAfp = story({
  title: 'Armenia, drifting further from Russia, deepens US ties',
  summary:
    'The United States on Tuesday signed an agreement to expand security cooperation with Armenia, which is seeking a greater distance from traditional ally Russia. The United States and Armenia formed a strategic partnership commission.',
  countries: ['armenia', 'united-states', 'russia'],
  date: '2025-01-14',
});
// The same signing, told by other outlets.
const charterReuters = story({
  title: 'US and Armenia sign strategic partnership charter as Yerevan drifts from Moscow',
  summary:
    'Secretary of State Antony Blinken and Armenian Foreign Minister Ararat Mirzoyan signed a strategic partnership charter in Washington, expanding security cooperation as Armenia seeks distance from Russia.',
  countries: ['united-states', 'armenia'],
  date: '2025-01-14',
});
const charterLocal = story({
  title: 'Armenia and United States sign strategic partnership charter',
  summary:
    'Yerevan and Washington signed a charter on strategic partnership on January 14, launching a commission on security, economy and democracy.',
  countries: ['armenia', 'united-states'],
  date: '2025-01-15',
});
// Other stories about Armenia in the same week.
const euBill = story({
  title: 'Armenian parliament backs bill to start EU membership bid',
  summary:
    'The Armenian parliament approved a draft bill to initiate the process of applying to join the European Union. Russia said the move would make membership in the Eurasian Economic Union incompatible.',
  countries: ['armenia', 'russia'],
  date: '2025-01-15',
});
const envoy = story({
  title: 'Armenia withdraws envoy from Belarus due to escalating tensions with Russia',
  summary:
    'Armenia recalled its ambassador in Minsk after Pashinyan said he would never set foot in Belarus while Lukashenko is president.',
  countries: ['armenia', 'belarus', 'russia'],
  date: '2025-01-13',
});
const peskov = story({
  title: 'Kremlin says US has never played a stabilising role in the South Caucasus',
  summary:
    'Kremlin spokesman Dmitry Peskov said relations with Russia offer a significant dividend for Armenia, after Armenia signed a partnership agreement with the United States.',
  countries: ['russia', 'armenia', 'united-states'],
  date: '2025-01-14',
});
const howitzers = story({
  title: 'Armenia signs deal with France for Caesar howitzers, deepening defence partnership',
  summary:
    'Armenia signed a contract with France to buy Caesar self-propelled howitzers, expanding a defence partnership as Yerevan seeks distance from Russia.',
  countries: ['armenia', 'france', 'russia'],
  date: '2025-01-13',
});

// Belarus's accession to the SCO, as a Russian outlet and an English one told it.
const scoEnglish = story({
  title: 'Belarus becomes full SCO member at Astana summit',
  summary:
    'Belarus was formally admitted as a full member of the Shanghai Cooperation Organization at its summit in Astana on Thursday, becoming the tenth member. Kazakh President Kassym-Jomart Tokayev congratulated Alexander Lukashenko.',
  countries: ['belarus', 'sco'],
  date: '2024-07-04',
  kind: 'status_change',
});
const scoRussian = story({
  title: 'Беларусь стала полноправным членом ШОС',
  summary:
    'Беларусь 4 июля стала десятым полноправным членом Шанхайской организации сотрудничества на саммите в Астане. Президент Казахстана Касым-Жомарт Токаев поздравил Александра Лукашенко.',
  countries: ['belarus', 'sco'],
  date: '2024-07-04',
  language: 'rus',
  kind: 'status_change',
});
// The same day, the same summit, another story.
const scoDrill = story({
  title: 'Russia and Belarus to hold joint nuclear drill, Lukashenko says',
  summary:
    'Alexander Lukashenko said on the sidelines of the summit that Russian and Belarusian troops would hold a drill with tactical nuclear weapons.',
  countries: ['belarus', 'russia'],
  date: '2024-07-04',
  kind: 'military',
});

describe('the same story', () => {
  it('joins paraphrased reports of one event', () => {
    expect(isSameStory(charterReuters, charterLocal)).toBe(true);
    expect(isSameStory(charterAfp, charterAfp)).toBe(true);
    // AFP's headline is an analysis of the signing ("drifting further from Russia"): near the line,
    // but closer to the signing than to any other story of that week.
    for (const other of [euBill, envoy, peskov, howitzers]) {
      expect(sameStoryScore(charterAfp, charterReuters)).toBeGreaterThan(sameStoryScore(charterAfp, other));
      expect(sameStoryScore(charterAfp, charterLocal)).toBeGreaterThan(sameStoryScore(charterAfp, other));
    }
  });

  it('joins a Russian report with the English report of its story', () => {
    expect(isSameStory(scoEnglish, scoRussian)).toBe(true);
    expect(isSameStory(scoRussian, scoDrill)).toBe(false);
    expect(isSameStory(scoEnglish, scoDrill)).toBe(false);
  });

  it('keeps apart different stories about the same countries in the same days', () => {
    for (const other of [euBill, envoy, peskov, howitzers]) {
      expect(isSameStory(charterAfp, other), 'AFP').toBe(false);
      expect(isSameStory(charterReuters, other), 'Reuters').toBe(false);
      expect(isSameStory(charterLocal, other), 'local').toBe(false);
    }
    expect(isSameStory(euBill, envoy)).toBe(false);
  });

  it('gives no score across entities or beyond three days, and the same score both ways', () => {
    expect(sameStoryScore(charterAfp, { ...charterReuters, entities: ['france'], countries: ['france'] })).toBe(0);
    expect(sameStoryScore(charterAfp, { ...charterReuters, date: '2025-01-18' })).toBe(0);
    expect(sameStoryScore(charterAfp, { ...charterReuters, date: '2025-01-17' })).toBeGreaterThan(0);
    // A month-precision date spans its month.
    expect(sameStoryScore({ ...charterAfp, date: '2025-01', precision: 'month' }, charterReuters)).toBeGreaterThan(0);
    for (const [a, b] of [
      [charterAfp, charterReuters],
      [scoEnglish, scoRussian],
      [charterAfp, peskov],
    ] as const) {
      expect(sameStoryScore(a, b)).toBeCloseTo(sameStoryScore(b, a), 12);
    }
    expect(sameStoryScore(charterAfp, charterReuters)).toBeGreaterThan(sameStoryScore(charterAfp, peskov));
  });

  it('weighs reports published within a day of each other even when one dates an earlier step of the story', () => {
    // Reuters' lead dated the charter's agreed text (three weeks earlier) instead of the signing.
    const earlierStep = { ...charterReuters, date: '2024-12-20' };
    expect(sameStoryScore(charterLocal, earlierStep)).toBe(0);
    const published = (v: StoryView, day: string): StoryView => ({ ...v, published: day });
    expect(sameStoryScore(published(charterLocal, '2025-01-15'), published(earlierStep, '2025-01-14'))).toBeGreaterThan(0);
    // Published a week apart, they are two stories whatever they say.
    expect(sameStoryScore(published(charterLocal, '2025-01-15'), published(earlierStep, '2025-01-08'))).toBe(0);
    // A published event has no day of publication: only its own date counts.
    expect(sameStoryScore(published(charterLocal, '2025-01-15'), earlierStep)).toBe(0);
  });

  it('doubts a report published days after another: the reaction, not the event', () => {
    const published = (v: StoryView, day: string): StoryView => ({ ...v, published: day });
    const sameDay = sameStoryScore(published(charterReuters, '2025-01-14'), published(charterLocal, '2025-01-14'));
    const nextDay = sameStoryScore(published(charterReuters, '2025-01-14'), published(charterLocal, '2025-01-15'));
    const threeDays = sameStoryScore(published(charterReuters, '2025-01-14'), published(charterLocal, '2025-01-17'));
    expect(sameDay).toBeGreaterThan(nextDay);
    expect(nextDay).toBeGreaterThan(threeDays);
    // A doubt, not a gate: reports this alike stay one story.
    expect(threeDays).toBeGreaterThanOrEqual(SAME_STORY_MODEL.threshold);
    // Without a day of publication on either side (a published event) the gap says nothing.
    expect(sameStoryScore(charterReuters, published(charterLocal, '2025-01-17'))).toBeCloseTo(
      sameStoryScore(charterReuters, charterLocal),
      12,
    );
  });
});

describe('names across scripts', () => {
  it('gives a name one skeleton in English and in Russian, Chinese names by Palladius included', () => {
    for (const [en, ru] of [
      ['Japarov', 'Жапаров'],
      ['Masadykov', 'Масадыков'],
      ['Tianjin', 'Тяньцзинь'],
      ['Tsereteli', 'Церетели'],
      // A region or place named by its adjective: "в Брестской области", "Тавушской", "Тяньцзиньскую".
      ['Brest', 'Брестской'],
      ['Tavush', 'Тавушской'],
      ['Karabakh', 'Карабахскую'],
      ['Tianjin', 'Тяньцзиньскую'],
      // A surname in -ский keeps its -sk in every case.
      ['Zelensky', 'Зеленского'],
      ['Zelensky', 'Зеленскому'],
    ]) {
      expect(nameSkeleton(ru!), `${en} / ${ru}`).toBe(nameSkeleton(en!));
    }
    expect(nameSkeleton('Rubio')).toBeUndefined();
  });
});
