// Finding tracked countries and blocs in article text. One pass over the words with a token trie of
// every alias, longest match first, so "Collective Security Treaty Organization" wins over "Collective
// Security Treaty" and "Tashkent Treaty" over "Tashkent". Whole words only: "Armenians" is its own alias,
// not "Armenia" plus a suffix.
import type { EntityKind } from '../../domain/types.ts';
import { normalizeAlias } from '../../domain/entities.ts';
import type { TrackedEntity } from '../types.ts';
import { LEADERS } from './leaders.ts';
import { scanWords, type Words } from './words.ts';

export interface Mention {
  entityId: string;
  kind: EntityKind;
  count: number;
  /** Offset of the first mention in the text given to find(). */
  firstIndex: number;
  /** The distinct spellings found, in order of first appearance, as written in the text. */
  forms: string[];
}

export interface MentionSpan {
  entityId: string;
  start: number;
  end: number;
  /** A leader named for the country (./leaders.ts): a name two reports share, so never masked out. */
  leader?: true;
  /** A loose name of the entity (LOOSE_ALIASES): "Europe" for the EU. */
  loose?: true;
}

export interface Matcher {
  /** The countries and blocs the text names (by name, capital or code: its leaders are not counted). */
  find(text: string): Mention[];
  /** Every mention with its place, in text order (for masking names and scoring sentences), leaders marked. */
  spans(text: string): MentionSpan[];
  /** Whether a word is a short code or acronym of a tracked entity ("CSTO", "EU"): kept in caps. */
  isAcronym(word: string): boolean;
  entity(id: string): TrackedEntity | undefined;
  /** The entity an id or alias names, codes included ("am", "csto", "Yerevan"), as typed in a scope. */
  resolve(idOrAlias: string): TrackedEntity | undefined;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /**
   * Entity (empty for a blocked phrase), whether the alias is a code (must be written in capitals), and
   * whether it is a leader's name or a loose name (see MentionSpan).
   */
  hit?: { entityId: string; code: boolean; short: boolean; leader?: true; loose?: true };
}

// Names that contain an alias but are not the place or bloc: a news agency, a TV channel, a court of
// another organisation. Matched like aliases (longest wins) and then dropped.
const NOT_ENTITIES = [
  'France 24',
  'Agence France-Presse',
  'France-Presse',
  'France Presse',
  'Washington Post',
  'Washington Times',
  'George Washington',
  'Washington State',
  'Radio Free Europe',
  'Council of Europe',
  'Paris Agreement',
  'Paris climate',
  'European Court of Human Rights',
  'European Convention on Human Rights',
  'British Commonwealth',
  'Commonwealth of Nations',
  'Commonwealth Games',
  'Commonwealth of Massachusetts',
  'Commonwealth of Virginia',
  'Commonwealth of Pennsylvania',
  'Commonwealth of Kentucky',
  'Georgia Tech',
  'American Express',
  // The OSCE's mediators for Karabakh and the 2014–15 accords on Donbas are named after the city that
  // hosted them: neither is news about Belarus.
  'Minsk Group',
  'Минская группа',
  'Минской группы',
  'Минской группе',
  'Минскую группу',
  'Минской группой',
  'Minsk agreements',
  'Minsk accords',
  'Minsk Protocol',
  'Минские соглашения',
  'Минских соглашений',
  'Минским соглашениям',
  'Минских соглашениях',
  // "The Russian-led alliance" describes the bloc; the country that leads it is not what the story is
  // about ("Armenia asks Russian-led alliance for help" is news about Armenia and the CSTO).
  ...['Russian', 'Russia', 'Moscow', 'Kremlin', 'US', 'U.S.', 'American', 'Washington', 'Chinese', 'China', 'Beijing'].map(
    (name) => `${name}-led`,
  ),
];

// Two-letter codes read as words or other abbreviations in prose ("AM", "BY", "IN", "GE"). Only these
// conventional short forms of a country or bloc name count when written in running text.
// ("ԵՄ" is the EU in Armenian capitals; "եմ", "I am", is never written so. Russian news writes the EU
// as "ЕС". It writes Russia as "РФ" too, but mostly for a speaker ("МИД РФ", "президент РФ"), not
// what the story is about: matching it made Russia a main country of reports whose twins in other
// languages do not name it, and cost merges on the tuning part.)
const PROSE_SHORT_FORMS = new Set(['us', 'uk', 'eu', 'un', 'եմ', 'ռդ', 'ес']);

// Names that point at an entity without naming it: "Europe" and "European" are the EU in "Armenia's
// turn to Europe", but also the continent ("NATO allies in Europe"). They count for comparing two
// reports, which share them; a draft shows the EU only when a report names it ("EU", "European Union").
const LOOSE_ALIASES = new Set(['europe', 'european']);

// Words that, right before or after "Georgia", say the US state: "Atlanta, Georgia", "Georgia, USA".
const US_STATE_BEFORE = /\b(atlanta|savannah|augusta|macon|columbus|athens|albany|state of|southern|north|south)\s*,?\s*$/i;
const US_STATE_AFTER =
  /^('s)?\s*,?\s*(usa|u\.s\.a?\.?|us|united states)\b|^\s+(state|senate|senator|governor|legislature|bulldogs|tech|house|democrats?|republicans?|voters?|peach)\b/i;
const CONTINENT_BEFORE = /\b(latin|south|north|central|meso)[\s-]*$/i;

const ALIAS_GAP = /^[\s\-‐–—]{1,3}$/;
const DOT = 46;

/** FNV-1a over the char codes of text[start, end), ASCII capitals lowercased: the hash of its fold. */
function lowerHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

/** `wide`: the word holds a character outside ASCII, so it may carry accents to fold away. */
function foldWord(raw: string, wide: boolean): string {
  const w = raw.includes('.') ? raw.replace(/\./g, '') : raw;
  if (!wide) return w.toLowerCase();
  return w
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const isUpper = (raw: string): boolean => raw === raw.toUpperCase() && raw !== raw.toLowerCase();

export function buildMatcher(entities: TrackedEntity[]): Matcher {
  const root: TrieNode = { next: new Map() };
  const byId = new Map(entities.map((e) => [e.id, e]));
  const acronyms = new Set<string>();
  const byAlias = new Map<string, TrackedEntity>();
  const insert = (words: string[]): TrieNode => {
    let node = root;
    for (const w of words) {
      let child = node.next.get(w);
      if (!child) {
        child = { next: new Map() };
        node.next.set(w, child);
      }
      node = child;
    }
    return node;
  };
  for (const entity of entities) {
    const displayIsAcronym = /^[\p{Lu}\d]{2,6}$/u.test(entity.name);
    if (displayIsAcronym) acronyms.add(normalizeAlias(entity.name));
    for (const raw of [entity.name, ...entity.aliases]) {
      const alias = normalizeAlias(raw);
      if (!byAlias.has(alias)) byAlias.set(alias, entity);
      const words = alias.split(' ').filter(Boolean);
      if (words.length === 0) continue;
      // A single word of at most three letters is a code ("am", "arm", "sco", "cst"): in capitals only.
      const short = words.length === 1 && alias.length <= 2;
      const code = words.length === 1 && alias.length <= 3;
      if (short && !PROSE_SHORT_FORMS.has(alias)) continue;
      if (code) acronyms.add(alias);
      const node = insert(words);
      // The first entity to claim an alias keeps it: aliases are unique in the dataset anyway.
      node.hit ??= LOOSE_ALIASES.has(alias) ? { entityId: entity.id, code, short, loose: true } : { entityId: entity.id, code, short };
    }
  }

  // A leader stands for the country in the text, not in a typed scope: the trie only, not byAlias.
  for (const [id, names] of Object.entries(LEADERS)) {
    if (!byId.has(id)) continue;
    for (const name of names) insert(normalizeAlias(name).split(' ')).hit ??= { entityId: id, code: false, short: false, leader: true };
  }

  for (const phrase of NOT_ENTITIES) insert(normalizeAlias(phrase).split(' ')).hit = { entityId: '', code: false, short: false };

  // Most words start no alias. A hash of a plain ASCII word, lowercased as it is read, rules it out
  // without slicing and folding it; a hash that matches (or a collision) takes the exact lookup.
  const firstWords = new Set<number>();
  for (const key of root.next.keys()) if (!/[\u0080-\uffff]/.test(key)) firstWords.add(lowerHash(key, 0, key.length));

  // One buffer for every call: spans runs once per sentence, and nothing in it re-enters.
  const words: Words = { count: 0, start: [], end: [], wide: [] };
  const folded: string[] = [];
  const foldedIn: number[] = [];
  let call = 0;

  /** The folded form of word k of this call's text, folded once and only when asked for. */
  function fold(text: string, k: number): string {
    if (foldedIn[k] !== call) {
      folded[k] = foldWord(text.slice(words.start[k], words.end[k]), words.wide[k]!);
      foldedIn[k] = call;
    }
    return folded[k]!;
  }

  function spans(text: string): MentionSpan[] {
    scanWords(text, words);
    const n = words.count;
    call++;
    const out: MentionSpan[] = [];
    for (let i = 0; i < n; i++) {
      const start = words.start[i]!;
      const wordEnd = words.end[i]!;
      // Dotted abbreviations end in a dot and fold differently; only plain ASCII words take the hash.
      if (!words.wide[i] && text.charCodeAt(wordEnd - 1) !== DOT && !firstWords.has(lowerHash(text, start, wordEnd))) continue;
      let node = root.next.get(fold(text, i));
      if (!node) continue;
      let best: { end: number; hit: NonNullable<TrieNode['hit']> } | undefined;
      let j = i;
      while (node) {
        // Words of one alias are separated only by spaces, hyphens or a line break, not by sentences.
        if (node.hit) best = { end: j, hit: node.hit };
        if (j + 1 >= n || !ALIAS_GAP.test(text.slice(words.end[j], words.start[j + 1]))) break;
        node = node.next.get(fold(text, j + 1));
        j++;
      }
      if (!best) continue;
      if (best.hit.entityId === '') {
        i = best.end;
        continue;
      }
      if (best.hit.code && !acceptCode(text, i)) continue;
      const end = words.end[best.end]!;
      if (!acceptContext(text, start, end)) continue;
      const span: MentionSpan = { entityId: best.hit.entityId, start, end };
      if (best.hit.leader) span.leader = true;
      if (best.hit.loose) span.loose = true;
      out.push(span);
      i = best.end;
    }
    return out;
  }

  function acceptCode(text: string, i: number): boolean {
    const raw = (k: number): string | undefined => (k >= 0 && k < words.count ? text.slice(words.start[k], words.end[k]) : undefined);
    if (!isUpper(raw(i)!)) return false;
    // In a shouted headline every word is in capitals, so capitals say nothing: "TELL US", "ARM".
    const neighbours = [raw(i - 1), raw(i + 1)].filter((w): w is string => !!w && w.length > 3);
    if (neighbours.length > 0 && neighbours.every(isUpper)) return false;
    return true;
  }

  function acceptContext(text: string, start: number, end: number): boolean {
    if (end - start > 8) return true;
    const name = text.slice(start, end).toLowerCase();
    if (name !== 'georgia' && name !== 'america' && name !== 'american') return true;
    const before = text.slice(Math.max(0, start - 24), start);
    if (name !== 'georgia') return !CONTINENT_BEFORE.test(before);
    return !US_STATE_BEFORE.test(before) && !US_STATE_AFTER.test(text.slice(end, end + 24));
  }

  function find(text: string): Mention[] {
    const byEntity = new Map<string, Mention>();
    for (const span of spans(text)) {
      if (span.leader) continue;
      const form = text.slice(span.start, span.end);
      const m = byEntity.get(span.entityId);
      if (m) {
        m.count++;
        if (!m.forms.includes(form)) m.forms.push(form);
      } else {
        const e = byId.get(span.entityId)!;
        byEntity.set(span.entityId, { entityId: e.id, kind: e.kind, count: 1, firstIndex: span.start, forms: [form] });
      }
    }
    return [...byEntity.values()];
  }

  return {
    find,
    spans,
    isAcronym: (word) => acronyms.has(normalizeAlias(word)),
    entity: (id) => byId.get(id),
    resolve: (idOrAlias) => byId.get(idOrAlias) ?? byAlias.get(normalizeAlias(idOrAlias)),
  };
}

/** The alias index from the built-in dataset's shape: name, full name, ISO codes and aliases. */
export function trackedEntitiesFrom(
  entities: { id: string; kind: EntityKind; name: string; fullName?: string; iso2?: string; iso3?: string; aliases: string[] }[],
): TrackedEntity[] {
  return entities.map((e) => ({
    id: e.id,
    kind: e.kind,
    name: e.name,
    aliases: [...new Set([e.name, e.fullName, e.iso2, e.iso3, ...e.aliases].filter((a): a is string => !!a).map(normalizeAlias))],
  }));
}
