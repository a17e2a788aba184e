// The people who speak and act for a tracked country in this region's news, 2022–2026: heads of state
// and government, foreign ministers, the Kremlin's and the Russian foreign ministry's spokespeople.
// News names them where it means their country ("Putin arrives in Kyrgyzstan", "Пашинян заявил"), as
// it names a capital ("the Kremlin said"), so intake counts a mention of one as a mention of the
// country. They are intake's, not the dataset's aliases: `/csto status Putin` is not a country.
// Surnames only (a first name adds nothing the surname does not say), in English and in the Russian
// cases news uses; Armenian takes its endings as the dataset's Armenian names do.

const RUSSIAN_CASES = ['', 'а', 'у', 'е'];
const RUSSIAN_FEMININE = ['а', 'ой', 'у'];
const ARMENIAN_ENDINGS = ['', 'ը', 'ի', 'ին', 'ից', 'ով'];

/**
 * A Russian surname in the cases news uses ("Путин, Путина, Путину, Путине", and "Путиным"; a surname
 * that is not in -ов or -ин takes -ом: "Пашиняном", "Трампом").
 */
const ru = (stem: string, instrumental = 'ым'): string[] => [...RUSSIAN_CASES.map((e) => stem + e), stem + instrumental];
/** A feminine one in -ова ("Захарова, Захаровой, Захарову"). */
const ruFeminine = (stem: string): string[] => RUSSIAN_FEMININE.map((e) => stem + e);
/** One that does not decline ("Лукашенко", "Шойгу", "Рубио"). */
const fixed = (...names: string[]): string[] => names;
const hy = (name: string): string[] => ARMENIAN_ENDINGS.map((e) => name + e);

export const LEADERS: Readonly<Record<string, readonly string[]>> = {
  russia: [
    ...fixed('Putin', 'Lavrov', 'Peskov', 'Zakharova', 'Mishustin', 'Shoigu', 'Шойгу'),
    ...ru('Путин'),
    ...ru('Лавров'),
    ...ru('Песков'),
    ...ruFeminine('Захаров'),
    ...ru('Мишустин'),
    ...hy('Պուտին'),
    ...hy('Լավրով'),
  ],
  armenia: [
    ...fixed('Pashinyan', 'Pashinian', 'Mirzoyan'),
    ...ru('Пашинян', 'ом'),
    ...ru('Мирзоян', 'ом'),
    ...hy('Փաշինյան'),
    ...hy('Միրզոյան'),
  ],
  azerbaijan: [...fixed('Aliyev', 'Bayramov'), ...ru('Алиев'), ...ru('Байрамов'), ...hy('Ալիև'), ...hy('Ալիեւ')],
  belarus: fixed('Lukashenko', 'Лукашенко', 'Ryzhenkov', ...ru('Рыженков'), ...hy('Լուկաշենկո')),
  kazakhstan: [...fixed('Tokayev', 'Tokaev'), ...ru('Токаев')],
  kyrgyzstan: [...fixed('Japarov', 'Zhaparov'), ...ru('Жапаров')],
  tajikistan: [...fixed('Rahmon', 'Rakhmon'), ...ru('Рахмон', 'ом')],
  uzbekistan: [...fixed('Mirziyoyev', 'Mirziyoev'), ...ru('Мирзиёев'), ...ru('Мирзиеев')],
  'united-states': [
    ...fixed('Biden', 'Trump', 'Blinken', 'Rubio', 'Рубио', 'Vance'),
    ...ru('Байден', 'ом'),
    ...ru('Трамп', 'ом'),
    ...ru('Блинкен', 'ом'),
    ...ru('Вэнс', 'ом'),
  ],
  china: fixed('Xi Jinping', 'Си Цзиньпин', 'Си Цзиньпина', 'Си Цзиньпину', 'Си Цзиньпином'),
  france: [...fixed('Macron'), ...ru('Макрон', 'ом')],
  ukraine: fixed('Zelensky', 'Zelenskyy', 'Зеленский', 'Зеленского', 'Зеленскому', 'Зеленским', 'Зеленском'),
};
