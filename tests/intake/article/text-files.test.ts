// The seeds as plain-text files (import-article FILE): headline and body found by heuristics, captions,
// credits, bylines and "Updated:" lines dropped; plus a Russian page that is drafted, not dropped.
import { describe, expect, it } from 'vitest';
import { articleFromText, extractArticle, proposeDraft } from '../../../src/intake/article/index.ts';
import { matcher, NOW, page } from './helpers.ts';

const CASES = [
  {
    file: 'seed-000.txt',
    title: 'Armenia Asks for Partnership with US as Belarus Joins Russia-Led Regional Bloc',
    first: 'As Armenia seeks to extricate itself',
    gone: ['Tigran Mehrabyan', 'Russian marines take position', 'Adam Morrow', 'Updated:', '0:00'],
    published: '2024-07-09',
    date: '2024-07-04',
  },
  {
    file: 'seed-001.txt',
    title: 'Armenia withdraws envoy from Belarus due to escalating tensions with Russia',
    first: 'Russia takes issue',
    gone: ['Skip to content', 'Russia feels provoked', 'Read also:', 'Latest'],
    published: '2024-06-14',
    date: '2024-06-12',
  },
  {
    file: 'seed-002.txt',
    title: 'The friend of my enemy is my ally',
    first: 'At least two countries',
    gone: ['<a href', 'text-decoration', '”>'],
    published: '2024-08-23',
    date: '2024-08-23',
  },
  {
    file: 'seed-003.txt',
    title: 'Armenia, drifting further from Russia, deepens US ties',
    first: 'Armenia is formally an ally',
    gone: ['Diplomacy', '[AFP]', 'US Department of State/AFP', 'By Kontur', 'Do you like this article?', 'Captcha'],
    published: '2025-01-15',
    date: '2025-01-14',
  },
  {
    file: 'seed-004.txt',
    title: 'Armenia Remains ‘Ally,’ Head of Moscow-Led Military Alliance Asserts',
    first: 'However, in another sign',
    gone: ['Hayk Baghdasaryan', 'Getty Images', 'Adam Morrow', '11/27/2023', 'Updated:', 'Reuters contributed'],
    published: '2023-11-27',
    date: '2023-11-27',
  },
];

describe.each(CASES)('plain-text seed $file', (c) => {
  const article = articleFromText(page(c.file));

  it('finds the headline and the body without captions, credits or bylines', () => {
    expect(article.title).toBe(c.title);
    expect(article.text.startsWith(c.first)).toBe(true);
    for (const junk of c.gone) expect(article.text, junk).not.toContain(junk);
    expect(article.text).not.toContain(c.title);
  });

  it('drafts it with the date the text gives', () => {
    const draft = proposeDraft({ article, url: 'file:seed', publisher: 'file', feedPublishedAt: c.published, matcher, now: NOW });
    expect(draft?.date).toBe(c.date);
    expect(draft?.countries[0]).toBeDefined();
    expect(draft?.summary.length).toBeLessThanOrEqual(500);
  });
});

describe('a Russian-language page', () => {
  const article = extractArticle(page('005-ru-armenia-odkb.html'), 'https://kavkaz.example/ru/1');

  it('is extracted without its cookie notice, caption or byline', () => {
    expect(article?.title).toBe('Армения заморозила участие в ОДКБ');
    expect(article?.text).not.toMatch(/cookie|Фото|15 января|Автор|Поделиться|©/);
  });

  it('is drafted with its language, its Russian names and the date in Russian', () => {
    const draft = proposeDraft({ article: article!, url: 'https://kavkaz.example/ru/1', publisher: 'Новости Кавказа', matcher, now: NOW });
    expect(draft).toBeDefined();
    expect(draft?.language).toBe('rus');
    // Armenia by its Russian name and its capital ("Ереваном"), Russia by the Kremlin ("В Кремле").
    expect(draft?.blocs).toEqual(['csto']);
    expect(draft?.countries).toEqual(['armenia', 'russia']);
    expect({ date: draft?.date, precision: draft?.precision }).toEqual({ date: '2024-02-22', precision: 'day' });
    expect(draft?.summary).toContain('Пашинян');
    // "заморозила участие" (froze its participation): a change of membership status.
    expect(draft?.kind).toBe('status_change');
  });
});
