// The kind of event an article reports, from keyword cues. The headline counts most, the lead next, the
// rest of the story a little. Names of tracked entities are masked first, so "Collective Security
// Treaty" is not a cue for a legal event. "said" is everywhere in news, so statements win only when
// nothing more specific is reported.
import type { EventKind } from '../../domain/types.ts';

interface Cue {
  kind: EventKind;
  re: RegExp;
  weight: number;
}

// Recalling or withdrawing an envoy is diplomacy, not leaving a bloc: matched first and masked.
const ENVOY = /\b(withdr[ae]w\w*|recall\w*|summon\w*|expel\w*)\s+(?:\w+\s+){0,3}?(envoy|ambassador|diplomat|representative)s?\b/gi;

const CUES: Cue[] = [
  {
    kind: 'status_change',
    weight: 2,
    re: /\b(join(s|ed|ing)?|accession|accede[sd]?|acceding|withdr[ae]w(s|al|n|ing)?|exit(s|ed|ing)?|leav(e|es|ing)|left the|quit(s|ting)?|freez(e|es|ing)|froze(n)?|suspend(s|ed|ing)?|suspension|membership|member state|full member|observer status|expel(s|led)?|admitted|rejoin\w*)\b/gi,
  },
  {
    kind: 'military',
    weight: 2,
    re: /\b(military (exercises?|drills?|base)|exercises?|drills?|troops|soldiers|base|bases|deploy\w*|missiles?|weapons?|arms|offensive|peacekeep\w*|air defen[cs]e|warplanes?|strikes?)\b/gi,
  },
  {
    kind: 'diplomatic',
    weight: 2,
    re: /\b(summit|visit(s|ed|ing)?|talks|ambassadors?|envoys?|embass(y|ies)|agreement|charter|partnership|ties|relations|foreign ministers?|diplomatic|diplomacy|negotiations?|memorandum|bilateral|meeting|met with|signed|signs?|chairmanship|presidency|rotating chair)\b/gi,
  },
  {
    kind: 'economic',
    weight: 2,
    re: /\b(sanctions?|trade|tariffs?|gas|oil|pipeline|loans?|investment|economy|economic|customs|exports?|imports?|debt|fees|budget|currency)\b/gi,
  },
  {
    kind: 'legal',
    weight: 2,
    re: /\b(court|law|laws|legislation|ratif\w+|treaty|bill|statute|ruling|verdict|arrest warrant|constitution\w*|legal)\b/gi,
  },
  {
    kind: 'statement',
    weight: 1,
    re: /\b(said|says|stated|statement|warned|warns|asserts?|asserted|declared|claims?|claimed|told|according to|announced|saying|accused|criticized|criticised|called for|insisted|comments?)\b/gi,
  },
];

/** `flatWeight`: in a headline every cue word is deliberate, so "Says" counts as much as "Summit". */
// Russian news (drafted with its language, not dropped): word stems, since the endings vary. \b does
// not see Cyrillic letters, hence the lookbehind.
const RU = (stems: string): RegExp => new RegExp(`(?<!\\p{L})(${stems})\\p{L}*`, 'giu');
const RUSSIAN_CUES: Cue[] = [
  { kind: 'status_change', weight: 2, re: RU('замороз|приостанов|вступ|выход|выйти|выйдет|членств|присоедин|исключ') },
  { kind: 'military', weight: 2, re: RU('учени|войск|военн[а-я]* баз|ракет|вооружени') },
  { kind: 'diplomatic', weight: 2, re: RU('саммит|визит|переговор|посл[аоу]|соглашени|встреч|дипломат|председательств') },
  { kind: 'economic', weight: 2, re: RU('санкци|торгов|пошлин|газ|нефт|кредит|долг|взнос') },
  { kind: 'legal', weight: 2, re: RU('суд|закон|ратифи|статут') },
  { kind: 'statement', weight: 1, re: RU('заяв|сказал|сообщил|отметил|подчеркнул|предупредил') },
];
const CYRILLIC = /[\u0400-\u04ff]/;

function scoreText(text: string, factor: number, scores: Map<EventKind, number>, cap: number, flatWeight?: number): void {
  let t = text;
  const envoys = t.match(ENVOY)?.length ?? 0;
  if (envoys > 0) {
    scores.set('diplomatic', (scores.get('diplomatic') ?? 0) + Math.min(envoys * 3, cap) * factor);
    t = t.replace(ENVOY, ' ');
  }
  for (const cue of CYRILLIC.test(t) ? [...CUES, ...RUSSIAN_CUES] : CUES) {
    const n = t.match(cue.re)?.length ?? 0;
    if (n > 0) scores.set(cue.kind, (scores.get(cue.kind) ?? 0) + Math.min(n * (flatWeight ?? cue.weight), cap) * factor);
  }
}

/** `maskedTitle`, `maskedLead`, `maskedRest`: texts with entity names already blanked out. */
export function classifyKind(maskedTitle: string, maskedLead: string, maskedRest: string): EventKind {
  const scores = new Map<EventKind, number>();
  scoreText(maskedTitle, 3, scores, 4, 2);
  scoreText(maskedLead, 1.5, scores, 4);
  scoreText(maskedRest, 0.25, scores, 6);
  let best: EventKind = 'other';
  let bestScore = 2;
  for (const [kind, score] of scores) {
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  }
  return best;
}
