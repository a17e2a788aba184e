// The five seed articles as real-looking web pages (cookie banner, nav, share buttons, captions with
// dates, bylines, "Read more" links, related stories, footer): extracted text and the proposed draft,
// checked against what the articles actually report.
import { describe, expect, it } from 'vitest';
import { extractArticle, proposeDraft } from '../../../src/intake/article/index.ts';
import type { ArticleText, DraftProposal } from '../../../src/intake/types.ts';
import { matcher, NOW, page, pieces } from './helpers.ts';

// Furniture every page carries; none of it may reach the text.
const EVERY_PAGE_FURNITURE = [
  'cookies',
  'Accept all',
  'Manage preferences',
  'Subscribe',
  'newsletter',
  'Read more',
  'Tbilisi and Baku',
  'Georgia’s ruling party',
  'Kazakhstan hosts CSTO drills',
  'Iran and Pakistan sign',
  'All rights reserved',
  'Privacy policy',
  'Facebook',
  'Twitter',
  'Copy link',
  'Caucasus & Central Asia',
  'gtag',
  'dataLayer',
  '©',
];

interface Expectation {
  file: string;
  title: string;
  furniture: string[];
  date: string;
  precision: 'day' | 'month' | 'year';
  dateReason: RegExp;
  kind: DraftProposal['kind'];
  /** The main countries, in any order, all present among the first ones. */
  mainCountries: string[];
  blocs: string[];
  summaryMentions: string[];
}

const SEEDS: Expectation[] = [
  {
    // Pashinyan's July 4 message to Biden; Belarus joined the SCO on 4 July 2024 (published 9 July).
    file: '000-epoch-armenia-us-belarus-sco.html',
    title: 'Armenia Asks for Partnership with US as Belarus Joins Russia-Led Regional Bloc',
    furniture: [
      'Tigran Mehrabyan',
      'PAN Photo',
      'via Reuters',
      'via AP',
      'Russian marines take position',
      'Sept. 13, 2022',
      'Feb. 19, 2022',
      'Adam Morrow',
      'Updated',
      '0:00',
      'Listen',
      '7/9/2024',
    ],
    date: '2024-07-04',
    precision: 'day',
    dateReason: /July 4/,
    kind: 'diplomatic',
    mainCountries: ['armenia', 'belarus', 'united-states', 'russia'],
    blocs: ['sco', 'csto'],
    summaryMentions: ['Pashinyan', 'July 4'],
  },
  {
    // Pashinyan said on June 12, 2024 that Armenia would leave the CSTO; the envoy was recalled the day
    // after. The only explicit date in the lead is June 12; published 14 June.
    file: '001-blog-armenia-envoy-belarus.html',
    title: 'Armenia withdraws envoy from Belarus due to escalating tensions with Russia',
    furniture: ['Skip to content', 'Russia feels provoked', 'Photo:', 'June 13, 2024', 'Share this', 'Read also', 'Latest', 'Posted on'],
    date: '2024-06-12',
    precision: 'day',
    dateReason: /June 12/,
    kind: 'diplomatic',
    mainCountries: ['armenia', 'belarus', 'russia'],
    blocs: ['csto'],
    summaryMentions: ['June 12', 'ambassador'],
  },
  {
    // No explicit date for Pashinyan's statement: the publication date. The caption's Aug. 19 must not win.
    file: '002-eurocorrespondent-friend-of-enemy.html',
    title: 'The friend of my enemy is my ally',
    furniture: ['Fuzuli', 'Aug. 19, 2024', 'president.az', 'href', 'text-decoration', '<a', 'Correspondent Staff', 'five minutes a day'],
    date: '2024-08-23',
    precision: 'day',
    dateReason: /^publication date$/,
    kind: 'statement',
    mainCountries: ['armenia', 'azerbaijan', 'belarus', 'russia'],
    blocs: ['csto'],
    summaryMentions: ['Pashinyan'],
  },
  {
    // Blinken and Mirzoyan signed the strategic partnership charter in Washington on Tuesday 14 January 2025.
    file: '003-kontur-armenia-us-charter.html',
    title: 'Armenia, drifting further from Russia, deepens US ties',
    furniture: [
      '[AFP]',
      'US Department of State/AFP',
      'Blinken (right)',
      'This charter, the strategic partnership',
      'By Kontur',
      'Do you like this article',
      'Captcha',
      'January 15, 2025',
    ],
    date: '2025-01-14',
    precision: 'day',
    dateReason: /January 14/,
    kind: 'diplomatic',
    mainCountries: ['armenia', 'united-states', 'russia', 'azerbaijan'],
    blocs: ['csto', 'eu'],
    summaryMentions: ['January 14', 'signed an agreement'],
  },
  {
    // Tasmagambetov's "still our ally", cited by TASS on Nov. 27, 2023 (captions: Nov. 23, 2022 and Sept. 9, 2021).
    file: '004-epoch-armenia-remains-ally.html',
    title: 'Armenia Remains ‘Ally,’ Head of Moscow-Led Military Alliance Asserts',
    furniture: [
      'Hayk Baghdasaryan',
      'Photolure',
      'Nov. 23, 2022',
      'A Russian serviceman',
      'Sept. 9, 2021',
      'Getty Images',
      'Adam Morrow',
      '11/27/2023',
      'Updated',
      'Reuters contributed',
    ],
    date: '2023-11-27',
    precision: 'day',
    dateReason: /Nov\. 27/,
    kind: 'statement',
    mainCountries: ['armenia', 'russia', 'belarus'],
    blocs: ['csto'],
    summaryMentions: ['Tasmagambetov'],
  },
];

describe.each(SEEDS)('seed page $file', (seed) => {
  const html = page(seed.file);
  const url = `https://news.example/${seed.file}`;
  const article = extractArticle(html, url) as ArticleText;
  const draft = proposeDraft({ article, url, publisher: 'Example', matcher, now: NOW }) as DraftProposal;

  it('extracts the story without page furniture, captions or bylines', () => {
    expect(article).toBeDefined();
    expect(article.title).toBe(seed.title);
    for (const junk of [...EVERY_PAGE_FURNITURE, ...seed.furniture]) expect(article.text, junk).not.toContain(junk);
    expect(article.text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(article.text).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
    // Paragraphs survive as paragraphs.
    expect(article.text.split('\n\n').length).toBeGreaterThanOrEqual(5);
    expect(article.text.length).toBeGreaterThan(2000);
  });

  it('reads the publication date and outlet from the page head', () => {
    expect(article.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    if (article.byline) expect(article.byline).not.toMatch(/\||\d{4}|^by /i);
  });

  it('proposes the headline, a 2–3 sentence summary from the article, and why it matched', () => {
    expect(draft.title).toBe(seed.title);
    expect(draft.summary.length).toBeLessThanOrEqual(500);
    const sentences = pieces(draft.summary);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(3);
    const flat = article.text.replace(/\s+/g, ' ');
    for (const s of sentences) expect(flat, s).toContain(s);
    // In the article's order.
    const at = sentences.map((s) => flat.indexOf(s));
    expect(at).toEqual([...at].sort((x, y) => x - y));
    for (const s of sentences) expect(s).not.toMatch(/\?["”]?$/);
    for (const want of seed.summaryMentions) expect(draft.summary).toContain(want);
    expect(draft.matchedBecause).toMatch(/^mentions .*Armenia \(\d+×: "Armenia", .*"Yerevan"/);
  });

  it('dates the event from the text, never from a caption, never after publication', () => {
    expect({ date: draft.date, precision: draft.precision }).toEqual({ date: seed.date, precision: seed.precision });
    expect(draft.dateReason).toMatch(seed.dateReason);
    expect(draft.date <= (article.publishedAt ?? '').slice(0, 10)).toBe(true);
  });

  it('names the main countries and blocs, not the ones in the sidebar', () => {
    expect(draft.countries.slice(0, seed.mainCountries.length).sort()).toEqual([...seed.mainCountries].sort());
    expect(draft.countries.length).toBeLessThanOrEqual(6);
    expect(draft.countries).not.toContain('georgia');
    expect(draft.blocs.slice(0, seed.blocs.length).sort()).toEqual([...seed.blocs].sort());
    expect(draft.kind).toBe(seed.kind);
    expect(draft.language).toBe('eng');
  });
});
