// What a headline's tail, a dateline and a city's name in a proper noun say about the story: a speaker
// after a dash is part of the headline, an outlet is not; the city an outlet files from and the "Minsk
// Group" are not countries the story is about.
import { describe, expect, it } from 'vitest';
import { cleanTitle, extractArticle, proposeDraft } from '../../../src/intake/article/index.ts';
import { classifyKind } from '../../../src/intake/article/kind.ts';
import { namedIn } from '../../../src/intake/article/text.ts';
import { matcher, NOW } from './helpers.ts';

const paragraphs = (...ps: string[]) => ps.map((p) => `<p>${p}</p>`).join('\n');

describe('a dash tail on a headline', () => {
  it('is dropped when it names the site, kept when a pipe already set the site apart', () => {
    expect(cleanTitle('Armenia freezes its CSTO role – Reuters', 'Reuters')).toBe('Armenia freezes its CSTO role');
    expect(cleanTitle('Armenia freezes its CSTO role - reuters.com', 'Reuters.com')).toBe('Armenia freezes its CSTO role');
    expect(cleanTitle('Россия считает важным укрепление силового потенциала ОДКБ — Лавров | Sputnik Узбекистан')).toBe(
      'Россия считает важным укрепление силового потенциала ОДКБ — Лавров',
    );
  });

  it('is kept when the article names it, as it names whom it quotes, and not for its own dateline', () => {
    const text = 'MOSCOW, Jan 10 (Interfax) - Holding the drills is inexpedient this year, Pashinyan told a news conference.';
    expect(
      cleanTitle("Armenia not to host CSTO exercises in 2023, as that's inexpedient - Pashinyan", 'Interfax', undefined, namedIn(text)),
    ).toBe("Armenia not to host CSTO exercises in 2023, as that's inexpedient - Pashinyan");
    expect(cleanTitle('Armenia freezes its CSTO role - Interfax', undefined, undefined, namedIn(text))).toBe(
      'Armenia freezes its CSTO role',
    );
    // The text repeating the headline does not make its tail a speaker.
    const repeated = `Armenia freezes its CSTO role - Interfax\n${text}`;
    expect(cleanTitle('Armenia freezes its CSTO role - Interfax', undefined, undefined, namedIn(repeated))).toBe(
      'Armenia freezes its CSTO role',
    );
  });
});

describe('a page whose heading carries a speaker and whose first paragraph a dateline', () => {
  const html = `<!doctype html><html lang="ru"><head><meta charset="utf-8">
<meta property="og:title" content="Россия считает важным укрепление силового потенциала ОДКБ — Лавров"></head><body><main><article>
<h1>Россия считает важным укрепление силового потенциала ОДКБ — Лавров</h1>
${paragraphs(
  'ТАШКЕНТ, 2 янв (Sputnik) – Россия 1 января 2026 года стала председателем Организации Договора о коллективной безопасности, и её председательство пройдёт под девизом о коллективной безопасности в многополярном мире.',
  'Министр иностранных дел Сергей Лавров заявил, что Москва сохранит преемственность в основных направлениях сотрудничества и будет развивать силовую составляющую организации.',
  'По словам министра, Россия хотела бы, чтобы евразийские государства сами отвечали за свою безопасность и без вмешательства извне определяли будущее континента.',
  'Главный акцент будет сделан на наращивании боевых возможностей Коллективных сил ОДКБ и их оснащении современным вооружением.',
)}
</article></main></body></html>`;

  it('keeps the speaker in the title, reads the dateline as such and not as a country of the story', () => {
    const article = extractArticle(html, 'https://uz.sputniknews.ru/x');
    expect(article?.title).toBe('Россия считает важным укрепление силового потенциала ОДКБ — Лавров');
    // The heading is not read again as the story's first sentence, so the dateline opens the text.
    expect(article?.text.startsWith('ТАШКЕНТ, 2 янв')).toBe(true);
    const d = proposeDraft({
      article: { ...article!, publishedAt: '2026-01-02T08:00:00Z' },
      url: 'u',
      publisher: 'Sputnik',
      matcher,
      now: NOW,
    });
    expect(d).toMatchObject({ countries: ['russia'], blocs: ['csto'], date: '2026-01-01', kind: 'diplomatic' });
  });
});

describe('names that hold a city but are not its country', () => {
  it('does not read the OSCE Minsk Group or the Minsk agreements as Belarus', () => {
    const text = [
      'Azerbaijan and Armenia have completed negotiations on the text of their peace agreement, Azerbaijan said on Thursday.',
      'Baku also called for the formal dissolution of the OSCE Minsk Group, and Armenia said it was ready to discuss the signing.',
      'Azerbaijan wants Armenia to change its constitution first; Armenia plans a referendum.',
    ].join(' ');
    const d = proposeDraft({
      article: { title: 'Azerbaijan, Armenia conclude talks on peace treaty', text, publishedAt: '2025-03-13' },
      url: 'u',
      publisher: 'p',
      matcher,
      now: NOW,
    });
    expect(d?.countries.slice().sort()).toEqual(['armenia', 'azerbaijan']);
    expect(matcher.find('Минской группы ОБСЕ и Минских соглашений')).toEqual([]);
    expect(matcher.find('Лукашенко в Минске').map((m) => m.entityId)).toEqual(['belarus']);
  });
});

describe('a bloc changing chairs', () => {
  it('is diplomacy, in English and in Russian', () => {
    expect(classifyKind('Kyrgyzstan assumes rotating chairmanship', 'The rotating chairmanship passes to Kyrgyzstan.', '')).toBe(
      'diplomatic',
    );
    expect(classifyKind('Председательство в   переходит к России', 'С 1 января председательство переходит к Москве.', '')).toBe(
      'diplomatic',
    );
  });
});
