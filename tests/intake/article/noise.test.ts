// Articles that name a tracked country but are not bloc news are not drafted: a festivity in Minsk is
// not news about Belarus's alliances, however official its guests.
import { describe, expect, it } from 'vitest';
import { proposeDraft } from '../../../src/intake/article/index.ts';
import { matcher, NOW } from './helpers.ts';

const propose = (title: string, text: string) =>
  proposeDraft({ article: { title, text, publishedAt: '2025-12-11T08:00:00Z' }, url: 'u', publisher: 'p', matcher, now: NOW });

describe('noise that names a tracked country', () => {
  it('leaves out the lighting of the New Year tree in Minsk', () => {
    const text = [
      'Городские власти Минска объявили, что огни на главной елке Беларуси зажгут 15 декабря.',
      'Елка страны по традиции стоит на Октябрьской площади столицы; церемония начнется вечером и откроет праздничную подсветку города.',
      'В тот же день в Минске стартует ежегодная благотворительная акция для детей.',
    ].join(' ');
    expect(propose('Главная елка Беларуси зажжется в Минске 15 декабря', text)).toBeUndefined();
  });

  it('still drafts the bloc news of the same capital', () => {
    const text = [
      'Беларусь 4 июля стала полноправным членом Шанхайской организации сотрудничества.',
      'Лидеры государств ШОС подписали решение о принятии Минска в организацию.',
      'Президент Беларуси назвал вступление в ШОС важным шагом для страны.',
    ].join(' ');
    expect(propose('Беларусь стала полноправным членом ШОС', text)).toMatchObject({ countries: ['belarus'], blocs: ['sco'] });
  });
});
