// The alias matcher: whole words, case and accents folded, longest alias first, codes only where
// they are clearly codes, and the look-alikes that are not the place at all.
import { describe, expect, it } from 'vitest';
import { buildMatcher } from '../../../src/intake/article/index.ts';
import { matcher } from './helpers.ts';

const ids = (text: string): string[] =>
  matcher
    .find(text)
    .map((m) => m.entityId)
    .sort();
const one = (text: string, id: string) => matcher.find(text).find((m) => m.entityId === id);

describe('matcher', () => {
  it('matches names, demonyms, capitals and possessives as whole words, any case', () => {
    expect(ids("Armenia's parliament met in YEREVAN; armenian deputies agreed.")).toEqual(['armenia']);
    expect(one("Armenia's parliament met in YEREVAN; armenian deputies agreed.", 'armenia')).toMatchObject({
      count: 3,
      firstIndex: 0,
      forms: ['Armenia', 'YEREVAN', 'armenian'],
    });
    expect(ids('Belarus’ history and Belarus’s accession')).toEqual(['belarus']);
    expect(one('Belarus’ history and Belarus’s accession', 'belarus')?.count).toBe(2);
  });

  it('does not match a word that merely contains an alias', () => {
    expect(ids('The Armenianist and the Russianness of Parisian Chinesewall Georgians')).toEqual([]);
    expect(ids('Baku-based Azerbaijanis')).toEqual(['azerbaijan']);
    // "Armenians" is its own alias, so it counts; "Georgian" too.
    expect(ids('ethnic Armenians and a Georgian delegation')).toEqual(['armenia', 'georgia']);
  });

  it('folds accents and matches multi-word aliases across hyphens and line breaks, longest first', () => {
    expect(ids('Ministers met in Bakú and Tbilísi')).toEqual(['azerbaijan', 'georgia']);
    const text = 'the Collective Security Treaty Organization and the Collective\nSecurity Treaty, the Tashkent Treaty';
    expect(matcher.find(text)).toEqual([
      {
        entityId: 'csto',
        kind: 'bloc',
        count: 3,
        firstIndex: 4,
        forms: ['Collective Security Treaty Organization', 'Collective\nSecurity Treaty', 'Tashkent Treaty'],
      },
    ]);
    // "Tashkent Treaty" is the CSTO, not Uzbekistan's capital.
    expect(ids('the Tashkent Treaty')).toEqual(['csto']);
    expect(ids('the Shanghai Cooperation Organisation and the Shanghai-Cooperation-Organization')).toEqual(['sco']);
    expect(ids('the European Union')).toEqual(['eu']);
    expect(ids('the Russia-Belarus Union State')).toEqual(['union-state']);
    // Words of one alias never span a sentence end.
    expect(ids('He went to Collective. Security Treaty talks')).toEqual([]);
  });

  it('keeps two-letter codes out of running prose, except the conventional US and EU', () => {
    expect(ids('AM radio, BY the way, IN the end, GE shares, the RU site')).toEqual([]);
    expect(ids('Sign up by 10 AM. Stay in.')).toEqual([]);
    expect(ids('US troops and U.S. diplomats met EU envoys')).toEqual(['eu', 'united-states']);
    // Lowercase "us" is the pronoun; a shouted headline says nothing either.
    expect(ids('Tell us about eu law')).toEqual([]);
    expect(ids('PUTIN TELLS US TO WAIT')).toEqual([]);
  });

  it('marks a leader named for a country in its spans, and leaves leaders out of what the text names', () => {
    const text = 'Путину позвонил Пашинян; Trump met Aliyev';
    const leaders = matcher.spans(text).filter((s) => s.leader);
    expect(leaders.map((s) => [text.slice(s.start, s.end), s.entityId])).toEqual([
      ['Путину', 'russia'],
      ['Пашинян', 'armenia'],
      ['Trump', 'united-states'],
      ['Aliyev', 'azerbaijan'],
    ]);
    expect(ids(text)).toEqual([]);
    // Not an alias to type: a scope of "Putin" is no country.
    expect(matcher.resolve('Putin')).toBeUndefined();
  });

  it('matches three-letter codes only in capitals', () => {
    expect(ids('a broken arm; the cis community; sco')).toEqual([]);
    expect(ids('the CIS summit, SCO leaders and ARM forces')).toEqual(['armenia', 'cis', 'sco']);
  });

  it('matches Russian names: blocs, and countries and capitals in the forms Russian declines them to', () => {
    expect(ids('Армения заморозила участие в ОДКБ и ШОС')).toEqual(['armenia', 'csto', 'sco']);
    expect(ids('Пашинян в Ереване; делегация Белоруссии; переговоры с Кремлём')).toEqual(['armenia', 'belarus', 'russia']);
    // The EU by its Russian acronym, and names spelled out in the cases agencies decline them to.
    expect(ids('Президент Армении подписал закон о начале процесса присоединения к ЕС')).toEqual(['armenia', 'eu']);
    expect(ids('Посол Российской Федерации; переговоры с Соединёнными Штатами')).toEqual(['russia', 'united-states']);
    expect(ids('если есть ес')).toEqual([]);
    // "Russian-led" describes the bloc: the country leading it is not a mention of its own.
    expect(ids('Armenia asks Russian-led alliance for help; the Moscow-led CSTO met')).toEqual(['armenia', 'csto']);
    expect(ids('Russian troops led the drill')).toEqual(['russia']);
    // Whole words only: an adjective or a longer word that starts like a name is not the name.
    expect(ids('армянский коньяк, наш шос, Арменияфильм')).toEqual([]);
  });

  it('matches Armenian names with the endings Armenian adds, and acronyms before a hyphenated ending', () => {
    expect(ids('ԱՄՆ-ն և Հայաստանը ռազմավարական գործընկերության փաստաթուղթ են ստորագրել')).toEqual(['armenia', 'united-states']);
    expect(ids('Երևանում հայտարարեցին ՀԱՊԿ-ից դուրս գալու մասին, Ռուսաստանի դեմ')).toEqual(['armenia', 'csto', 'russia']);
    expect(ids('Ֆրանսիայի և ԵՄ-ի հետ')).toEqual(['eu', 'france']);
    // "եմ" ("I am") is not the EU: only the acronym in capitals is.
    expect(ids('Ես եմ ասել')).toEqual([]);
  });

  it('leaves out the US state of Georgia and other look-alikes', () => {
    expect(ids('Protests in Atlanta, Georgia and in Savannah, Georgia')).toEqual([]);
    // "USA" itself is the United States; the Georgia next to it is the state.
    expect(ids('Georgia, USA voters and the Georgia Senate')).toEqual(['united-states']);
    expect(ids('Georgia and Armenia in the South Caucasus')).toEqual(['armenia', 'georgia']);
    expect(ids('Latin America and South American markets')).toEqual([]);
    expect(ids('told France 24 and Agence France-Presse, the Washington Post reported')).toEqual([]);
    expect(ids('the Council of Europe and Radio Free Europe')).toEqual([]);
  });

  it('finds everything in one pass over a long text', () => {
    const text = 'Armenia and the CSTO. '.repeat(20_000);
    const t = performance.now();
    const found = matcher.find(text);
    const elapsed = performance.now() - t;
    expect(found.map((m) => [m.entityId, m.count])).toEqual([
      ['armenia', 20_000],
      ['csto', 20_000],
    ]);
    // A regex per alias per text would be far slower; this is a generous bound for a loaded machine.
    expect(elapsed).toBeLessThan(2000);
  });

  it('works on any entity list, including aliases that differ only by case or accents', () => {
    const m = buildMatcher([{ id: 'turkiye', kind: 'country', name: 'Türkiye', aliases: ['turkiye', 'turkey', 'ankara'] }]);
    expect(m.find('Turkey, TÜRKİYE and Türkiye; Ankara’s view').map((x) => x.count)).toEqual([4]);
  });
});
