// Cross-outlet dedupe: the same story told by two outlets (paraphrased headlines, different summaries)
// is one story; two stories about the same country on the same days are not.
import { describe, expect, it } from 'vitest';
import { sameStory, storySimilarity, type StoryKey } from '../../../src/intake/article/index.ts';

const charterAfp: StoryKey = {
  title: 'Armenia, drifting further from Russia, deepens US ties',
  summary:
    'The United States on Tuesday signed an agreement to expand security cooperation with Armenia, which is seeking a greater distance from traditional ally Russia. The United States and Armenia formed a strategic partnership commission.',
  countries: ['armenia', 'united-states', 'russia'],
  date: '2025-01-14',
};
// The same signing, told by other outlets.
const charterReuters: StoryKey = {
  title: 'US and Armenia sign strategic partnership charter as Yerevan drifts from Moscow',
  summary:
    'Secretary of State Antony Blinken and Armenian Foreign Minister Ararat Mirzoyan signed a strategic partnership charter in Washington, expanding security cooperation as Armenia seeks distance from Russia.',
  countries: ['united-states', 'armenia'],
  date: '2025-01-14',
};
const charterLocal: StoryKey = {
  title: 'Armenia and United States sign strategic partnership charter',
  summary:
    'Yerevan and Washington signed a charter on strategic partnership on January 14, launching a commission on security, economy and democracy.',
  countries: ['armenia', 'united-states'],
  date: '2025-01-15',
};
// Other stories about Armenia in the same week.
const euBill: StoryKey = {
  title: 'Armenian parliament backs bill to start EU membership bid',
  summary:
    'The Armenian parliament approved a draft bill to initiate the process of applying to join the European Union. Russia said the move would make membership in the Eurasian Economic Union incompatible.',
  countries: ['armenia', 'russia'],
  date: '2025-01-15',
};
const envoy: StoryKey = {
  title: 'Armenia withdraws envoy from Belarus due to escalating tensions with Russia',
  summary:
    'Armenia recalled its ambassador in Minsk after Pashinyan said he would never set foot in Belarus while Lukashenko is president.',
  countries: ['armenia', 'belarus', 'russia'],
  date: '2025-01-13',
};
const peskov: StoryKey = {
  title: 'Kremlin says US has never played a stabilising role in the South Caucasus',
  summary:
    'Kremlin spokesman Dmitry Peskov said relations with Russia offer a significant dividend for Armenia, after Armenia signed a partnership agreement with the United States.',
  countries: ['russia', 'armenia', 'united-states'],
  date: '2025-01-14',
};
const howitzers: StoryKey = {
  title: 'Armenia signs deal with France for Caesar howitzers, deepening defence partnership',
  summary:
    'Armenia signed a contract with France to buy Caesar self-propelled howitzers, expanding a defence partnership as Yerevan seeks distance from Russia.',
  countries: ['armenia', 'france', 'russia'],
  date: '2025-01-13',
};

describe('sameStory', () => {
  it('joins paraphrased reports of one event', () => {
    expect(sameStory(charterAfp, charterReuters)).toBe(true);
    expect(sameStory(charterReuters, charterLocal)).toBe(true);
    expect(sameStory(charterAfp, charterLocal)).toBe(true);
    expect(sameStory(charterAfp, charterAfp)).toBe(true);
  });

  it('keeps apart different stories about the same countries in the same days', () => {
    for (const other of [euBill, envoy, peskov, howitzers]) {
      expect(sameStory(charterAfp, other), other.title).toBe(false);
      expect(sameStory(charterReuters, other), other.title).toBe(false);
      expect(sameStory(charterLocal, other), other.title).toBe(false);
    }
    expect(sameStory(euBill, envoy)).toBe(false);
  });

  it('needs the same main countries and dates within three days', () => {
    expect(sameStory(charterAfp, { ...charterReuters, countries: ['france'] })).toBe(false);
    expect(sameStory(charterAfp, { ...charterReuters, countries: ['armenia', 'france'] })).toBe(false);
    expect(sameStory(charterAfp, { ...charterReuters, countries: ['armenia'] })).toBe(true);
    expect(sameStory(charterAfp, { ...charterReuters, date: '2025-01-18' })).toBe(false);
    expect(sameStory(charterAfp, { ...charterReuters, date: '2025-01-17' })).toBe(true);
    // A month-precision date stands for its first day.
    expect(sameStory({ ...charterAfp, date: '2025-01' }, { ...charterReuters, date: '2025-01-02' })).toBe(true);
  });

  it('scores similarity between 0 and 1, higher for the same story', () => {
    const same = storySimilarity(charterAfp, charterReuters);
    const other = storySimilarity(charterAfp, peskov);
    expect(same).toBeGreaterThan(other);
    expect(storySimilarity(charterAfp, charterAfp)).toBe(1);
    expect(other).toBeGreaterThanOrEqual(0);
  });
});
