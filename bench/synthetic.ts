// The synthetic news archive the core bench runs on: N events over 1991–2026 on top of the curated
// dataset, deterministic (the same on every run and on both engines).

export interface SyntheticEvent {
  title: string;
  summary: string;
  kind: string;
  day: string;
  /** Countries and blocs, the first most prominent. */
  entities: string[];
}

const KINDS = ['status_change', 'diplomatic', 'military', 'statement', 'economic', 'legal', 'other'];
const TOPICAL = (
  'summit ministers ambassador treaty border exercise sanctions pipeline parliament ratifies delegation visit ' +
  'agreement security alliance statement recalls protest drills troops charter partnership integration dues observers ' +
  'accession referendum election corridor railway energy gas loan grain customs visa peacekeeping airport'
).split(' ');

export function* syntheticEvents(n: number, countries: readonly string[], blocs: readonly string[]): Generator<SyntheticEvent> {
  // Deterministic pseudo-random numbers (mulberry32) so every run builds the same database.
  let seed = 42;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
  // News text has a long tail: most words are rare. A synthetic vocabulary of 20,000 words drawn with a
  // skew, plus one topical word in about a third of events, gives each topical word roughly 1% of
  // documents, as in a real news archive (a uniform 37-word vocabulary would put every word in half
  // of all events and make every search rank half a million rows).
  const syllables = 'ka lo mi ren tu sa vel dor an is ub et ny por gal chi zen ra bo fi'.split(' ');
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => {
    let w = '';
    for (let k = i + 1; k > 0; k = Math.floor(k / syllables.length)) w += syllables[k % syllables.length];
    return w;
  });
  const word = () => vocabulary[Math.floor(vocabulary.length * rand() ** 2)]!;
  const sentence = (k: number) => {
    const out = Array.from({ length: k }, word);
    if (rand() < 0.35) out[Math.floor(rand() * k)] = pick(TOPICAL);
    return out.join(' ');
  };
  const t0 = Date.UTC(1991, 0, 1);
  const span = Date.UTC(2026, 10, 1) - t0;
  for (let i = 0; i < n; i++) {
    const day = new Date(t0 + Math.floor(rand() * span)).toISOString().slice(0, 10);
    const kind = pick(KINDS);
    const title = `${sentence(6)} ${i}`;
    const summary = `${sentence(30)}.`;
    const ents = new Set<string>([pick(countries)]);
    if (rand() < 0.6) ents.add(pick(countries));
    if (rand() < 0.5) ents.add(pick(blocs));
    yield { title, summary, kind, day, entities: [...ents] };
  }
}
