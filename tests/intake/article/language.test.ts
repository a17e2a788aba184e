import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/intake/article/language.ts';

// Sentences written for this test, a few per language, as long as a lead paragraph.
const SAMPLES: [string, string][] = [
  ['eng', 'Armenia has frozen its participation in the Russian-led security bloc, the prime minister said on Thursday in parliament.'],
  ['rus', 'Премьер-министр Армении заявил в четверг, что страна заморозила участие в ОДКБ и не будет финансировать работу организации.'],
  [
    'hye',
    'Հայաստանի վարչապետը հինգշաբթի օրը հայտարարել է, որ երկիրը սառեցրել է իր մասնակցությունը ՀԱՊԿ-ին և չի ֆինանսավորի կազմակերպությունը։',
  ],
  ['bel', 'Беларусь стала поўнапраўным членам Шанхайскай арганізацыі супрацоўніцтва, паведаміла міністэрства замежных спраў у чацвер.'],
  ['ukr', 'Вірменія заморозила свою участь в організації, заявив прем’єр-міністр у четвер під час виступу в парламенті країни.'],
  ['kaz', 'Қазақстан Республикасының Президенті Шанхай ынтымақтастық ұйымының саммитінде сөз сөйледі және бірнеше құжатқа қол қойды.'],
  ['spa', 'El primer ministro de Armenia anunció el jueves que el país congela su participación en la alianza militar dirigida por Rusia.'],
  ['deu', 'Armenien hat seine Teilnahme an dem von Russland geführten Militärbündnis eingefroren, sagte der Regierungschef in Eriwan.'],
  ['nld', 'Armenië heeft zijn deelname aan het door Rusland geleide militaire bondgenootschap bevroren, zei de premier in het parlement.'],
  [
    'fra',
    "Le Premier ministre arménien a annoncé jeudi que son pays gelait sa participation à l'alliance militaire dirigée par la Russie.",
  ],
];

describe('detectLanguage', () => {
  it.each(SAMPLES)('tells %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('reads an English report that quotes a Russian name as English', () => {
    expect(
      detectLanguage(
        'The Collective Security Treaty Organization (Организация Договора о коллективной безопасности) met in Minsk on Thursday.',
      ),
    ).toBe('eng');
  });

  it('says undetermined of too little text', () => {
    expect(detectLanguage('CSTO summit')).toBe('und');
    expect(detectLanguage('   ')).toBe('und');
  });
});
