// People and places that the alias index does not list, matched across scripts: "Pashinyan",
// "Пашинян", "Пашиняном" and "Փաշինյան" all become the token "pshnn". A name is written in Latin,
// Cyrillic or Armenian letters; each is transliterated, Russian case endings that carry consonants are
// cut first ("-ом", "-ым", "-ой"), and what is compared is the consonant skeleton, because vowels are
// where transliterations disagree ("Pashinyan" / "Pashinian", "Tokayev" / "Tokaev").

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'i',
  є: 'e',
  ў: 'u',
  ґ: 'g',
};

const ARMENIAN: Record<string, string> = {
  ա: 'a',
  բ: 'b',
  գ: 'g',
  դ: 'd',
  ե: 'e',
  զ: 'z',
  է: 'e',
  ը: 'e',
  թ: 't',
  ժ: 'zh',
  ի: 'i',
  լ: 'l',
  խ: 'kh',
  ծ: 'ts',
  կ: 'k',
  հ: 'h',
  ձ: 'dz',
  ղ: 'gh',
  ճ: 'ch',
  մ: 'm',
  յ: 'y',
  ն: 'n',
  շ: 'sh',
  ո: 'o',
  չ: 'ch',
  պ: 'p',
  ջ: 'j',
  ռ: 'r',
  ս: 's',
  վ: 'v',
  տ: 't',
  ր: 'r',
  ց: 'ts',
  ւ: 'v',
  փ: 'p',
  ք: 'k',
  օ: 'o',
  ֆ: 'f',
  և: 'ev',
};

// Case endings of Russian nouns and surnames that hold a consonant (the vowel-only ones vanish with the
// vowels anyway). "-ов"/"-ев"/"-ин" are never cut: they end surnames (Токаев, Путин).
const RUSSIAN_ENDING = /(ами|ями|ого|его|ому|ему|ом|ем|ым|им|ой|ей|ах|ях)$/;

// A Russian text names a region or a place by its adjective where English names the place: "в
// Брестской области" is "in the Brest region", "Тавушской" is "Tavush". Only the feminine and neuter
// forms are cut: the masculine ones end surnames too ("Зеленский", "Зеленского" are Zelensky).
const PLACE_ADJECTIVE = /ск(ая|ой|ую|ое)$/;

const VOWELS = /[aeiouy]/g;

function transliterate(word: string): string {
  let out = '';
  for (const ch of word) out += CYRILLIC[ch] ?? ARMENIAN[ch] ?? ch;
  return out;
}

/**
 * English and transliterated Russian spell one sound differently: "Catherine Colonna" is "Катрин
 * Колонна", "Japarov" is "Жапаров", "Washington" is "Вашингтон". Both are brought to one spelling of
 * the consonants before the vowels go.
 */
function phonetic(latin: string): string {
  return (
    latin
      // Chinese names come to Russian by Palladius: pinyin's j is "цз" ("Tianjin" is "Тяньцзинь").
      .replace(/tsz/g, 'j')
      .replace(/dzh|dj/g, 'j')
      .replace(/zh/g, 'j')
      .replace(/ck/g, 'k')
      .replace(/ph/g, 'f')
      .replace(/th/g, 't')
      .replace(/kh/g, 'h')
      .replace(/c(?=[eiy])/g, 's')
      .replace(/c(?!h)/g, 'k')
      .replace(/q/g, 'k')
      .replace(/x/g, 'ks')
      .replace(/w/g, 'v')
  );
}

// A skeleton per word, computed once: news repeats its names, and transliteration is a chain of regexes.
const skeletons = new Map<string, string | undefined>();
const SKELETON_CACHE_MAX = 50_000;

/**
 * The skeleton of a name as written (any case), or undefined when too little of it is left to tell
 * names apart (three consonants at least: "Rubio" → "rb" is dropped rather than risk a collision).
 */
export function nameSkeleton(raw: string): string | undefined {
  if (skeletons.has(raw)) return skeletons.get(raw);
  const skeleton = skeletonOf(raw);
  if (skeletons.size >= SKELETON_CACHE_MAX) skeletons.clear();
  skeletons.set(raw, skeleton);
  return skeleton;
}

function skeletonOf(raw: string): string | undefined {
  let w = raw.toLowerCase().replace(/ё/g, 'е');
  if (/[\u0400-\u04ff]/.test(w) && w.length > 5)
    w = PLACE_ADJECTIVE.test(w) ? w.replace(PLACE_ADJECTIVE, '') : w.replace(RUSSIAN_ENDING, '');
  const latin = transliterate(w)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z]/g, '');
  const skeleton = phonetic(latin)
    .replace(VOWELS, '')
    .replace(/(.)\1+/g, '$1');
  return skeleton.length >= 3 ? skeleton : undefined;
}

// Capitalised English words that are not names: titles, institutions, months and days. They start
// with a capital inside a sentence, but a Russian report writes them in lower case, so they would
// only dilute what two reports share.
const NOT_NAMES = new Set(
  (
    'president prime minister foreign ministry affairs defence defense security council secretary general ' +
    'parliament national assembly government state states republic federation kingdom union organization ' +
    'organisation treaty collective summit office chief head deputy spokesperson spokesman spokeswoman ' +
    'ambassador embassy army forces military navy air committee commission central bank court supreme ' +
    'constitutional party democratic civil contract opposition news agency press service the a an and of ' +
    'in on at for to by with from january february march april may june july august september october ' +
    'november december monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr sir his her ' +
    'their its this that these those he she they it we i you but if as so or not also all new east west ' +
    'north south eastern western northern southern strategic partnership charter agreement declaration ' +
    'speaker chairman chair director executive office international european asian eurasian economic ' +
    'cooperation shanghai commonwealth independent post soviet islamic world global reuters interfax tass ria ' +
    'novosti sputnik telegram afp xinhua bloomberg associated anadolu kommersant izvestia vedomosti lenta meduza ' +
    'photo video read also update'
  ).split(' '),
);

/** Whether a capitalised word inside a sentence may be a name worth matching. */
export function mayBeName(word: string): boolean {
  if (word.length < 4) return false;
  const first = word.charAt(0);
  if (first === first.toLowerCase() || first.toUpperCase() !== first) return false;
  // An acronym ("TASS", "ОДКБ") is an entity or an outlet, not a person.
  if (word === word.toUpperCase()) return false;
  return !NOT_NAMES.has(word.toLowerCase());
}
