// How Armenian-language news names the tracked countries and blocs. Armenian adds its case endings and
// articles to the noun ("Հայաստան", "Հայաստանը", "Հայաստանի", "Հայաստանում"), so each name is listed
// with the forms news uses; an ending after a vowel takes a glide ("Ֆրանսիայի"). Acronyms take their
// endings after a hyphen ("ԱՄՆ-ն", "ՀԱՊԿ-ից"), which the matcher reads as a word boundary, so they are
// listed alone.
const ENDINGS = ['', 'ը', 'ի', 'ին', 'ից', 'ով', 'ում'];
const AFTER_VOWEL = ['', 'ն', 'յի', 'յին', 'յից', 'յով', 'յում'];
const VOWEL = /[աեէըիոօ]$/;

/** The forms of each name: "Երևան, Երեւան" (both spellings of the capital's ev) for every name given. */
const forms = (text: string): string[] =>
  text
    .split(', ')
    .flatMap((name) =>
      /\s/.test(name) || name === name.toUpperCase() ? [name] : (VOWEL.test(name) ? AFTER_VOWEL : ENDINGS).map((e) => name + e),
    );

export const ARMENIAN_NAMES: Readonly<Record<string, readonly string[]>> = {
  armenia: forms('Հայաստան, Երևան, Երեւան'),
  azerbaijan: forms('Ադրբեջան, Բաքու'),
  belarus: forms('Բելառուս, Մինսկ'),
  china: forms('Չինաստան, Պեկին'),
  france: forms('Ֆրանսիա, Փարիզ'),
  georgia: forms('Վրաստան, Թբիլիսի'),
  india: forms('Հնդկաստան'),
  iran: forms('Իրան, Թեհրան'),
  kazakhstan: forms('Ղազախստան, Աստանա'),
  kyrgyzstan: forms('Ղրղզստան, Բիշքեկ'),
  pakistan: forms('Պակիստան'),
  russia: forms('Ռուսաստան, ՌԴ, Մոսկվա, Կրեմլ'),
  tajikistan: forms('Տաջիկստան, Դուշանբե'),
  ukraine: forms('Ուկրաինա, Կիև'),
  'united-states': forms('ԱՄՆ, Վաշինգտոն'),
  uzbekistan: forms('Ուզբեկստան, Տաշքենդ'),
  csto: forms('ՀԱՊԿ'),
  sco: forms('ՇՀԿ'),
  cis: forms('ԱՊՀ'),
  eaeu: forms('ԵԱՏՄ'),
  eu: forms('ԵՄ, Եվրամիություն'),
  icc: forms('ՄՔԴ, Հռոմի ստատուտ'),
  'union-state': forms('Միութենական պետություն'),
};
