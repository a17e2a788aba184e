// The pieces of article reading on their own: sentence splitting, titles, dates, extraction edge cases
// and the draft's rules (scope, incidental entities, fallbacks).
import { describe, expect, it } from 'vitest';
import { findEventDate } from '../../../src/intake/article/dates.ts';
import { nameSkeleton } from '../../../src/intake/article/names.ts';
import {
  articleFromFeedItem,
  articleFromText,
  cleanTitle,
  extractArticle,
  proposeDraft,
  splitSentences,
} from '../../../src/intake/article/index.ts';
import type { ArticleText } from '../../../src/intake/types.ts';
import { matcher, NOW } from './helpers.ts';

const texts = (t: string): string[] => splitSentences(t).map((s) => s.text);

describe('splitSentences', () => {
  it('does not break on abbreviations, titles, initials, numbers or decimals', () => {
    expect(
      texts(
        'In a July 4 message to U.S. President Joe Biden, Mr. Pashinyan spoke. On Sept. 13, 2022, No. 5 rose 3.5% as J. R. Smith left. Gen. Ivanov and Dr. Lee met at 10 a.m. Monday. It ended.',
      ),
    ).toEqual([
      'In a July 4 message to U.S. President Joe Biden, Mr. Pashinyan spoke.',
      'On Sept. 13, 2022, No. 5 rose 3.5% as J. R. Smith left.',
      'Gen. Ivanov and Dr. Lee met at 10 a.m. Monday.',
      'It ended.',
    ]);
  });

  it('breaks after questions, exclamations and closing quotes, and keeps paragraphs apart', () => {
    expect(texts('“We will leave,” he said on June 12. “We won’t return.” Why? Because!\n\nNew paragraph here')).toEqual([
      '“We will leave,” he said on June 12.',
      '“We won’t return.”',
      'Why?',
      'Because!',
      'New paragraph here',
    ]);
    expect(splitSentences('One.\n\nTwo.').map((s) => s.paragraph)).toEqual([0, 1]);
    expect(texts('He said no. Then he left.')).toEqual(['He said no.', 'Then he left.']);
  });
});

describe('cleanTitle', () => {
  it('drops the site suffix and squeezes whitespace', () => {
    expect(cleanTitle('  Armenia  freezes CSTO role | Kontur ')).toBe('Armenia freezes CSTO role');
    expect(cleanTitle('Armenia freezes its CSTO role - The Epoch Times', 'The Epoch Times')).toBe('Armenia freezes its CSTO role');
    expect(cleanTitle('Armenia freezes its CSTO role – Reuters')).toBe('Armenia freezes its CSTO role');
    // A dash inside a headline that is not a site name stays.
    expect(cleanTitle('Russia-Belarus drills - what we know so far about the exercises')).toBe(
      'Russia-Belarus drills - what we know so far about the exercises',
    );
    expect(cleanTitle('The U.S.')).toBe('The U.S.');
    expect(cleanTitle('Armenia recalls envoy.')).toBe('Armenia recalls envoy');
    expect(cleanTitle('UPDATE 2-Armenia recalls envoy (Video)')).toBe('Armenia recalls envoy');
    expect(cleanTitle('WATCH: Armenia recalls envoy [PHOTOS]')).toBe('Armenia recalls envoy');
    expect(cleanTitle('Live updates from Yerevan')).toBe('Live updates from Yerevan');
  });

  it('tames a headline only when all of it shouts, keeping acronyms and names', () => {
    const recase = (w: string): string | undefined =>
      matcher.isAcronym(w) ? w.toUpperCase() : matcher.spans(w).length ? w[0]!.toUpperCase() + w.slice(1) : undefined;
    expect(cleanTitle('ARMENIA FREEZES ITS CSTO MEMBERSHIP', undefined, recase)).toBe('Armenia freezes its CSTO membership');
    expect(cleanTitle('CSTO and EU: Armenia weighs its options', undefined, recase)).toBe('CSTO and EU: Armenia weighs its options');
  });
});

describe('findEventDate', () => {
  const at = (text: string, published: string) => findEventDate(splitSentences(text), published);

  it('accepts explicit dates with a year or a month and day, with their precision', () => {
    expect(at('Armenia froze its participation on 22 February 2024, Pashinyan said.', '2024-02-28')).toMatchObject({
      date: '2024-02-22',
      precision: 'day',
    });
    expect(at('Armenia froze its participation in February 2024, Pashinyan said.', '2024-03-10')).toMatchObject({
      date: '2024-02',
      precision: 'month',
    });
    expect(at('In a July 4 message, Pashinyan wrote to Biden.', '2024-07-09')).toMatchObject({
      date: '2024-07-04',
      precision: 'day',
      phrase: 'July 4',
    });
    // A year-less day after the publication day in its year is last year's.
    expect(at('The talks of December 30 were the first.', '2025-01-03')).toMatchObject({ date: '2024-12-30' });
  });

  it('resolves weekdays and "yesterday" against the publication date, the Russian ones too', () => {
    // 2024-07-05 was a Friday.
    expect(at('On Thursday, Belarus became a full member of the SCO.', '2024-07-05')).toMatchObject({
      date: '2024-07-04',
      precision: 'day',
      rule: 'weekday',
    });
    // A weekday named on that very day is that day.
    expect(at('Ministers met on Friday in Astana.', '2024-07-05')).toMatchObject({ date: '2024-07-05' });
    expect(at('Yesterday the ministers signed the protocol.', '2024-07-05')).toMatchObject({ date: '2024-07-04', rule: 'relative' });
    const ru = (text: string, published: string) => findEventDate(splitSentences(text), published, 'rus');
    expect(ru('В четверг Беларусь стала полноправным членом ШОС.', '2024-07-05')).toMatchObject({ date: '2024-07-04' });
    expect(ru('Вчера министры подписали протокол.', '2024-07-05')).toMatchObject({ date: '2024-07-04' });
  });

  it('reads a date after a time of day ("вечером 15 сентября", "the evening of September 15")', () => {
    const ru = (text: string) => findEventDate(splitSentences(text), '2022-09-16', 'rus');
    expect(ru('Вечером 15 сентября в Армению прибыла оперативная группа ОДКБ.')).toMatchObject({ date: '2022-09-15', rule: 'explicit' });
    expect(ru('Группа прибыла утром 15 сентября.')).toMatchObject({ date: '2022-09-15', phrase: '15 сентября' });
    // 2022-09-16 was a Friday: "вечером в четверг" is the 15th.
    expect(ru('Группа прибыла вечером в четверг.')).toMatchObject({ date: '2022-09-15', rule: 'weekday' });
    expect(at('The group arrived on the evening of September 15.', '2022-09-16')).toMatchObject({ date: '2022-09-15', rule: 'explicit' });
  });

  it('refuses future weekdays, spans, weeks, year-only, future and background dates', () => {
    expect(at('The ministers will meet on Friday in Astana.', '2024-07-03')).toBeUndefined();
    expect(at('Last week the summit met. In February, he announced it.', '2024-07-09')).toBeUndefined();
    expect(at('The July summit was postponed last week.', '2024-07-09')).toBeUndefined();
    expect(at('In 2020 the war began; by 2023 it was over.', '2024-07-09')).toBeUndefined();
    expect(at('The summit on 15 July 2024 will decide.', '2024-07-09')).toBeUndefined();
    // An upcoming day named without a year is not last year's.
    expect(at('An envoy will attend the summit on June 15-16.', '2024-06-14')).toBeUndefined();
    // A schedule is not an event.
    expect(findEventDate(splitSentences('Заседание пройдёт с 12 по 15 августа в Чолпон-Ате.'), '2025-08-13', 'rus')).toBeUndefined();
    const deep = `${'Filler sentence without dates here. '.repeat(12)}It began on March 3, 2019.`;
    expect(at(deep, '2024-07-09')).toBeUndefined();
    // Weeks before publication, inside the story: background ("in May 2021 …").
    expect(at('Armenia froze its participation. The dispute began in May 2021 over the border.', '2024-07-09')).toBeUndefined();
    // Three weeks before publication without its year: an earlier step, not the event of the story
    // (a treaty signed on 13 March whose text was initialled on 21 February).
    expect(at('The presidents signed the border treaty. Its text was initialled on February 21.', '2025-03-13')).toBeUndefined();
    expect(at('The presidents signed the border treaty. Its text was initialled on March 3.', '2025-03-13')).toMatchObject({
      date: '2025-03-03',
    });
  });

  it('reads a dateline as the day the story was filed, not its event, and skips background paragraphs', () => {
    expect(at('YEREVAN, June 24 (Reuters) - Armenia said on Thursday it would not attend.', '2024-06-24')).toMatchObject({
      date: '2024-06-20',
      rule: 'weekday',
    });
    expect(at('YEREVAN, June 24 (Reuters) - Armenia said it would not attend.', '2024-06-24')).toBeUndefined();
    const text = 'Пашинян объяснил заморозку членства в ОДКБ.\n\nРанее МИД вручил ноту протеста. 10 января телеведущий заявил иное.';
    expect(findEventDate(splitSentences(text), '2026-01-14', 'rus')).toBeUndefined();
  });

  it('takes a date past the first paragraph only when it is days, not a week, before publication', () => {
    const later = (when: string) => `Pashinyan said he is ready to sign the peace draft.\n\nThe talks ended on ${when}, the ministry said.`;
    expect(at(later('March 13'), '2025-03-20')).toBeUndefined();
    expect(at(later('March 15'), '2025-03-20')).toMatchObject({ date: '2025-03-15', rule: 'explicit' });
    expect(at('The talks ended on March 13, the ministry said.', '2025-03-20')).toMatchObject({ date: '2025-03-13' });
  });

  it('marks a date before publication read past the lead, and only there', () => {
    const meeting = (third: string) => `Putin and Aliyev met in Dushanbe.\n\nThey spoke for an hour. ${third}`;
    // The third sentence, in the second paragraph, dates the step before: weak evidence.
    expect(at(meeting('Aliyev had phoned Putin on October 7.'), '2025-10-09')).toMatchObject({ date: '2025-10-07', afterLead: true });
    // The day of publication is not the step before, and the second sentence is still the lead.
    expect(at(meeting('They met on October 9.'), '2025-10-09')).toMatchObject({ date: '2025-10-09', afterLead: false });
    expect(at('Putin and Aliyev met in Dushanbe.\n\nAliyev had phoned Putin on October 7.', '2025-10-09')).toMatchObject({
      afterLead: false,
    });
    // A long first paragraph is all lead.
    expect(at('Putin and Aliyev met. They spoke for an hour. Aliyev had phoned him on October 7.', '2025-10-09')).toMatchObject({
      afterLead: false,
    });
  });

  it('prefers a recent date in the lead to an old one', () => {
    expect(at('Since Sept. 13, 2022, ties have soured. He wrote to Biden on July 4.', '2024-07-09')).toMatchObject({ date: '2024-07-04' });
  });
});

describe('extractArticle', () => {
  const wrap = (body: string, head = '') => `<html><head>${head}</head><body><article>${body}</article></body></html>`;
  const prose = (n: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        `<p>Armenia and the CSTO, paragraph ${i + 1}: officials in Yerevan discussed the bloc at length with their partners today.</p>`,
    ).join('');

  it('returns undefined when there is no readable article', () => {
    expect(extractArticle('', 'https://x.example/')).toBeUndefined();
    expect(extractArticle('<html><body><nav><a href="/">Home</a></nav><p>Short.</p></body></html>', 'https://x.example/')).toBeUndefined();
    expect(extractArticle('%PDF-1.4 binary \u0000\u0001', 'https://x.example/')).toBeUndefined();
  });

  it('gives up quickly on hostile markup instead of stalling or crashing', () => {
    const nested = (depth: number) => `<html><body>${'<div>'.repeat(depth)}${prose(5)}${'</div>'.repeat(depth)}</body></html>`;
    // linkedom's parser is quadratic in depth (100,000 levels took 47 s) and recursion would overflow.
    let t = performance.now();
    expect(extractArticle(nested(100_000), 'https://x/')).toBeUndefined();
    expect(articleFromFeedItem({ title: 'Armenia', contentHtml: nested(100_000) })?.text).toBe('');
    expect(performance.now() - t).toBeLessThan(5000);
    // Unclosed paragraphs and void elements are ordinary HTML, not nesting.
    expect(extractArticle(wrap(prose(6).replace(/<\/p>/g, '') + '<img src="x">'.repeat(200)), 'https://x/')?.text).toContain('paragraph 6');
    // Far more elements than any article page.
    t = performance.now();
    expect(extractArticle(wrap('<span>x</span>'.repeat(20_000) + prose(5)), 'https://x/')).toBeUndefined();
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('decodes entities and never lets markup through, even markup written as text', () => {
    const a = extractArticle(
      wrap(
        `<h1>Armenia &amp; the CSTO &#8211; a &quot;frozen&quot; alliance</h1><p>Pashinyan said &lt;b&gt;nothing&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt; about it &mdash; yet.</p>${prose(4)}`,
      ),
      'https://x.example/a',
    );
    expect(a?.title).toBe('Armenia & the CSTO – a "frozen" alliance');
    expect(a?.text).toContain('Pashinyan said nothing alert(1) about it — yet.');
    expect(a?.text).not.toMatch(/[<>]|&(amp|lt|gt|quot|mdash|#\d+);/);
  });

  it('takes the title from og:title, then h1, then <title>, without the site suffix', () => {
    const body = `<h1>Heading from h1 about Armenia</h1>${prose(4)}`;
    expect(
      extractArticle(wrap(body, '<meta property="og:title" content="From og:title | Site"><title>From title | Site</title>'), 'https://x/')
        ?.title,
    ).toBe('From og:title');
    expect(extractArticle(wrap(body, '<title>From title | Site</title>'), 'https://x/')?.title).toBe('Heading from h1 about Armenia');
    expect(extractArticle(wrap(prose(5), '<title>Armenia freezes CSTO role | Site Name</title>'), 'https://x/')?.title).toBe(
      'Armenia freezes CSTO role',
    );
  });

  it('reads the publication date from article meta, JSON-LD or <time>, and skips nonsense', () => {
    const ld =
      '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2024-02-23T10:00:00Z"}]}</script>';
    expect(extractArticle(wrap(prose(5), ld), 'https://x/')?.publishedAt).toBe('2024-02-23T10:00:00Z');
    expect(
      extractArticle(wrap(prose(5), '<meta property="article:published_time" content="2024-02-24T08:00:00+04:00">'), 'https://x/')
        ?.publishedAt,
    ).toBe('2024-02-24T08:00:00+04:00');
    expect(extractArticle(wrap(`<time datetime="2024-02-25">Feb 25</time>${prose(5)}`), 'https://x/')?.publishedAt).toBe('2024-02-25');
    expect(
      extractArticle(
        wrap(prose(5), '<script type="application/ld+json">{not json</script><meta property="article:published_time" content="yesterday">'),
        'https://x/',
      )?.publishedAt,
    ).toBeUndefined();
  });
});

describe('articleFromFeedItem', () => {
  it('reads a feed item’s own HTML as the article, without captions or links lists', () => {
    const a = articleFromFeedItem({
      title: ' Armenia freezes its CSTO membership | Kontur ',
      url: 'https://x/1',
      publishedAt: '2024-02-23T10:00:00Z',
      author: 'Jane Doe',
      contentHtml:
        '<figure><img src="a.jpg"><figcaption>Pashinyan on 1 January 2024. Photo: AFP</figcaption></figure><p>Armenia has frozen its participation in the CSTO, Pashinyan said on 22 February 2024.</p><p>Yerevan &amp; Moscow disagree &lt;b&gt;deeply&lt;/b&gt;.</p><p><a href="/more">Read more</a></p><div class="share">Share on X</div>',
    });
    expect(a).toEqual({
      title: 'Armenia freezes its CSTO membership',
      text: 'Armenia has frozen its participation in the CSTO, Pashinyan said on 22 February 2024.\n\nYerevan & Moscow disagree deeply.',
      publishedAt: '2024-02-23T10:00:00Z',
      byline: 'Jane Doe',
    });
    expect(proposeDraft({ article: a!, url: 'https://x/1', publisher: 'Kontur', matcher, now: NOW })).toMatchObject({
      date: '2024-02-22',
      blocs: ['csto'],
    });
  });

  it('keeps a title-only item and refuses an empty one', () => {
    const titleOnly = articleFromFeedItem({ title: 'Armenia leaves the CSTO' });
    expect(titleOnly).toEqual({ title: 'Armenia leaves the CSTO', text: '', publishedAt: undefined, byline: undefined });
    expect(proposeDraft({ article: titleOnly!, url: 'u', publisher: 'p', matcher, now: NOW })).toMatchObject({
      summary: 'Armenia leaves the CSTO',
      countries: ['armenia'],
      blocs: ['csto'],
      language: 'und',
    });
    expect(articleFromFeedItem({ title: '  ', contentHtml: '<p> </p>' })).toBeUndefined();
  });
});

describe('proposeDraft', () => {
  const article = (text: string, title = 'Armenia freezes its CSTO membership', publishedAt?: string): ArticleText => ({
    title,
    text,
    publishedAt,
  });
  const lead =
    'Armenia has frozen its participation in the CSTO, Prime Minister Nikol Pashinyan said on 22 February 2024. The decision follows months of tension between Yerevan and Moscow over the bloc. Officials in Yerevan said the freeze would remain until further notice.';

  it('returns undefined when no tracked country or bloc is named', () => {
    const a = article(
      'The city council of Springfield approved a new budget for parks and libraries on Tuesday. Residents welcomed the decision at a packed meeting.',
      'Springfield budget passes',
    );
    expect(proposeDraft({ article: a, url: 'u', publisher: 'p', matcher, now: NOW })).toBeUndefined();
  });

  it('honours the source scope, by id or by alias', () => {
    const a = article(lead, undefined, '2024-02-23');
    expect(proposeDraft({ article: a, url: 'u', publisher: 'p', matcher, now: NOW, scope: { countries: ['georgia'] } })).toBeUndefined();
    expect(proposeDraft({ article: a, url: 'u', publisher: 'p', matcher, now: NOW, scope: { blocs: ['csto'] } })).toBeDefined();
    expect(proposeDraft({ article: a, url: 'u', publisher: 'p', matcher, now: NOW, scope: { countries: ['AM'] } })).toBeDefined();
    expect(proposeDraft({ article: a, url: 'u', publisher: 'p', matcher, now: NOW, scope: { countries: [], blocs: [] } })).toBeDefined();
    // A passing mention deep in the story does not put it in a Georgia source's scope.
    const passing = article(
      `${lead} ${'The freeze was discussed again by officials. '.repeat(6)}Georgia watched closely.`,
      undefined,
      '2024-02-23',
    );
    expect(
      proposeDraft({ article: passing, url: 'u', publisher: 'p', matcher, now: NOW, scope: { countries: ['georgia'] } }),
    ).toBeUndefined();
    expect(
      proposeDraft({ article: passing, url: 'u', publisher: 'p', matcher, now: NOW, scope: { countries: ['georgia', 'Yerevan'] } }),
    ).toBeDefined();
  });

  it('classifies a freeze as a status change and explains the match', () => {
    const d = proposeDraft({ article: article(lead, undefined, '2024-02-23'), url: 'u', publisher: 'p', matcher, now: NOW });
    expect(d).toMatchObject({
      kind: 'status_change',
      countries: ['armenia', 'russia'],
      blocs: ['csto'],
      date: '2024-02-22',
      precision: 'day',
    });
    expect(d?.matchedBecause).toBe('mentions Armenia (5×: "Armenia", "Yerevan", "Pashinyan"), CSTO (2×) and Russia (1×: "Moscow")');
  });

  it("counts a leader for the draft's countries, and as a name, not a country, for comparison", () => {
    const text =
      'Vladimir Putin arrived in Bishkek on Thursday for talks with Sadyr Japarov, his first trip abroad since the ICC warrant. Putin thanked Japarov for the invitation.';
    const d = proposeDraft({ article: article(text, 'Putin in Kyrgyzstan', '2023-10-12'), url: 'u', publisher: 'p', matcher, now: NOW });
    expect(d?.countries).toEqual(['kyrgyzstan', 'russia']);
    expect(d?.compared).toEqual({ countries: ['kyrgyzstan'], blocs: ['icc'] });
    expect(d?.matchedBecause).toContain('Russia (3×: "Putin")');
    // The names stay in the story's tokens, where a Russian report's "Путин" meets them.
    expect(d?.features.universal).toContain(`n:${nameSkeleton('Putin')}`);
    // A leader alone does not make a story about a tracked country.
    const alone = article('Vladimir Putin spoke about the economy. Putin said growth would continue.', 'Putin on growth', '2023-10-12');
    expect(proposeDraft({ article: alone, url: 'u', publisher: 'p', matcher, now: NOW })).toBeUndefined();
  });

  it('shows the EU only when a report names it, though "Europe" counts for comparison', () => {
    const loose =
      'Armenia has frozen its participation in the CSTO, Prime Minister Nikol Pashinyan said, turning his country towards Europe. Yerevan will seek closer European ties.';
    const d = proposeDraft({ article: article(loose, undefined, '2024-02-23'), url: 'u', publisher: 'p', matcher, now: NOW });
    expect(d?.blocs).toEqual(['csto']);
    expect(d?.compared?.blocs).toEqual(['csto', 'eu']);
    const named = proposeDraft({
      article: article(`${loose} The EU welcomed the step.`, undefined, '2024-02-23'),
      url: 'u',
      publisher: 'p',
      matcher,
      now: NOW,
    });
    expect(named?.blocs).toEqual(['csto', 'eu']);
  });

  it('leaves out entities named once deep in the story', () => {
    const text = `${lead} ${'The freeze was discussed again by officials. '.repeat(6)}Turkey and Iran have also voiced interest in talks.`;
    const d = proposeDraft({ article: article(text, undefined, '2024-02-23'), url: 'u', publisher: 'p', matcher, now: NOW });
    expect(d?.countries).toEqual(['armenia', 'russia']);
  });

  it('falls back to the publication date, then the date fetched, never a later one', () => {
    const text =
      'Armenia has frozen its participation in the CSTO, Prime Minister Nikol Pashinyan said. The decision follows months of tension between Yerevan and Moscow.';
    expect(
      proposeDraft({ article: article(text, undefined, '2024-02-23T22:00:00-05:00'), url: 'u', publisher: 'p', matcher, now: NOW }),
    ).toMatchObject({ date: '2024-02-23', precision: 'day', dateReason: 'publication date' });
    expect(
      proposeDraft({ article: article(text), feedPublishedAt: '2024-02-24T01:00:00Z', url: 'u', publisher: 'p', matcher, now: NOW }),
    ).toMatchObject({ date: '2024-02-24', dateReason: 'publication date' });
    expect(proposeDraft({ article: article(text), url: 'u', publisher: 'p', matcher, now: NOW })).toMatchObject({
      date: '2026-11-30',
      dateReason: 'no date in the text or the page: the day it was read, check it',
    });
    // A page claiming to be from the future is dated today.
    expect(proposeDraft({ article: article(text, undefined, '2031-01-01'), url: 'u', publisher: 'p', matcher, now: NOW })?.date).toBe(
      '2026-11-30',
    );
  });

  it('places a date written without its year only when the article says when it was published', () => {
    const text =
      'In a July 4 message, Prime Minister Nikol Pashinyan said Armenia wants a strategic partnership with the United States. The CSTO was not mentioned.';
    const dated = proposeDraft({ article: article(text, undefined, '2024-07-09'), url: 'u', publisher: 'p', matcher, now: NOW });
    expect(dated).toMatchObject({ date: '2024-07-04', precision: 'day' });
    // A file with no publication date: "July 4" of which year? Not this one's, by guess.
    const undated = proposeDraft({ article: article(text), url: 'u', publisher: 'p', matcher, now: NOW });
    expect(undated).toMatchObject({ date: '2026-11-30', dateReason: 'no date in the text or the page: the day it was read, check it' });
    // A date that states its year needs no publication date.
    const withYear = proposeDraft({
      article: article(text.replace('July 4', 'July 4, 2024')),
      url: 'u',
      publisher: 'p',
      matcher,
      now: NOW,
    });
    expect(withYear).toMatchObject({ date: '2024-07-04', precision: 'day' });
  });

  it('keeps the summary within 500 characters of whole sentences, skipping questions and quotes', () => {
    const long = `Armenia and the CSTO ${'and its many partners '.repeat(14)}met in Yerevan.`;
    const text = `Will Armenia finally leave the Collective Security Treaty Organization this year? “We will leave the CSTO, we will decide when to exit Armenia’s membership, and we won’t return,” he said. ${lead} ${long} ${long}`;
    const d = proposeDraft({ article: article(text, undefined, '2024-02-23'), url: 'u', publisher: 'p', matcher, now: NOW });
    expect(d!.summary.length).toBeLessThanOrEqual(500);
    expect(d!.summary).not.toContain('?');
    expect(d!.summary).not.toContain('We will leave');
    expect(d!.summary).toMatch(/^Armenia has frozen[^?“]+$/);
    expect(d!.summary.startsWith('Armenia has frozen')).toBe(true);
  });

  it('tames a shouted headline, keeping tracked acronyms and names', () => {
    const d = proposeDraft({
      article: article(lead, 'ARMENIA IN TALKS WITH THE CSTO AND US AS YEREVAN WAITS | NEWS SITE', '2024-02-23'),
      url: 'u',
      publisher: 'News Site',
      matcher,
      now: NOW,
    });
    expect(d?.title).toBe('Armenia in talks with the CSTO and US as Yerevan waits');
  });

  it('says undetermined for a text too short to tell its language', () => {
    const d = proposeDraft({
      article: article('Armenia leaves CSTO.', 'Armenia leaves CSTO'),
      url: 'u',
      publisher: 'p',
      matcher,
      now: NOW,
    });
    expect(d?.language).toBe('und');
    expect(d?.summary).toBe('Armenia leaves CSTO.');
  });

  it('reads a plain-text file whose first line is the headline', () => {
    const a = articleFromText(
      `Skip to content\n\nArmenia freezes its CSTO membership\n\nBy Jane Doe\n\nPhoto: Reuters\n\nWe use cookies to improve your experience. Accept all\n\n${lead}\n\nRead more: other news\n\nShare this article\n\nSign up for our newsletter`,
    );
    expect(a.title).toBe('Armenia freezes its CSTO membership');
    expect(a.byline).toBe('Jane Doe');
    expect(a.text).toBe(lead);
  });
});
