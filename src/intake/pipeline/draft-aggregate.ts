// A draft is what its reports say together, computed from all of them whatever order they came in:
// the headline and summary of one report (an English one when there is one: the dataset is written
// in English; else the first published), the date the reports agree on, the countries and blocs most
// of them are about, the kind most of them report, and the published event most of them link to.
import type { EventKind, Precision } from '../../domain/types.ts';
import { LINK_MODEL } from '../article/models.ts';
import { type ComparedEntities, EXPLICIT_DATE_REASON, type StoryTokens } from '../types.ts';

/** A published event a report may tell, with how sure the link model is (0..1). */
export interface LinkCandidate {
  eventId: number;
  score: number;
}

/** A link needs this lead over the next-best event: two events told alike are not told apart by guessing. */
export const LINK_MARGIN = 0.15;

/** What intake proposed for one article of a draft, kept with it (intake_draft_sources.proposal). */
export interface ReportProposal {
  title: string;
  summary: string;
  date: string;
  precision: Precision;
  dateReason: string;
  /** The date was read from the article's words, not taken from its publication date. */
  dateFromText: boolean;
  /** …and past the lead, before publication: weak evidence (findEventDate's afterLead). Absent on older reports. */
  dateAfterLead?: boolean;
  kind: EventKind;
  countries: string[];
  blocs: string[];
  /** See DraftProposal.compared. */
  compared?: ComparedEntities;
  matchedBecause: string;
  relevance: string;
  tokens: StoryTokens;
  /** The published events within days of it that it may tell, best first (a few at most). */
  links: LinkCandidate[];
}

/** What a draft is made of: a report's proposal but its tokens (which only comparison reads). */
export type ReportFacts = Omit<ReportProposal, 'tokens'>;

export interface Report {
  url: string;
  urlKey: string;
  publisher: string;
  publishedAt: string | null;
  /** ISO 639-3 of the article; null for reports stored before languages were kept. */
  lang: string | null;
  proposal: ReportFacts | null;
}

/** A report as it is added to a draft: with its tokens, which the story index compares. */
export type NewReport = Omit<Report, 'proposal'> & { proposal: ReportProposal | null };

export interface DraftFields {
  title: string;
  summary: string;
  date: string;
  precision: Precision;
  dateReason: string;
  kind: EventKind;
  language: string;
  countries: string[];
  blocs: string[];
  matchedBecause: string;
  relevance: string;
  eventId: number | null;
}

/** What a publication date weighs beside dates read from text: enough to break their ties, never more. */
const PUBLICATION_TIE_BREAK = 0.01;
/**
 * What a date read past the lead weighs: less than a publication date (on the tuning part, such dates
 * were background every time, and the day of publication was mostly the event's), more than nothing,
 * so that it still dates a draft whose other reports say nothing.
 */
const AFTER_LEAD_WEIGHT = 0.5;

/** At most this many countries and blocs on a draft, as on a proposal. */
const MAX_COUNTRIES = 6;
const MAX_BLOCS = 4;

const publishedMs = (r: Report) => {
  const t = r.publishedAt ? Date.parse(r.publishedAt) : Number.NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
};

/** English first, then the first published, then by address: the order a draft lists its reports in. */
export function canonicalOrder(a: Report, b: Report): number {
  const english = (r: Report) => (r.lang === 'eng' ? 0 : 1);
  return english(a) - english(b) || publishedMs(a) - publishedMs(b) || (a.urlKey < b.urlKey ? -1 : a.urlKey > b.urlKey ? 1 : 0);
}

/** The value most reports give (weighted), ties to the one `tieBreak` orders first. */
function plurality<T>(votes: [T, number][], tieBreak: (a: T, b: T) => number): T | undefined {
  const totals = new Map<T, number>();
  for (const [v, w] of votes) totals.set(v, (totals.get(v) ?? 0) + w);
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || tieBreak(a[0], b[0]))[0]?.[0];
}

/** Entities at least half the reports name, most prominent first; else the first report's. */
function agreedEntities(reports: ReportFacts[], pick: (p: ReportFacts) => string[], max: number): string[] {
  const weight = new Map<string, number>();
  const count = new Map<string, number>();
  for (const p of reports) {
    pick(p).forEach((id, i) => {
      weight.set(id, (weight.get(id) ?? 0) + 1 / (1 + i));
      count.set(id, (count.get(id) ?? 0) + 1);
    });
  }
  const agreed = [...count.keys()].filter((id) => count.get(id)! * 2 >= reports.length);
  const ordered = agreed.sort((a, b) => weight.get(b)! - weight.get(a)! || a.localeCompare(b));
  return (ordered.length ? ordered : pick(reports[0]!)).slice(0, max);
}

/**
 * The draft's fields from its reports. Reports stored before proposals were kept (proposal null) lend
 * nothing: `fallback` (the draft as it stands) fills in when none has a proposal.
 */
export function aggregate(all: Report[], fallback: DraftFields): DraftFields {
  const reports = [...all].sort(canonicalOrder);
  const proposals = reports.map((r) => r.proposal).filter((p): p is ReportFacts => p !== null);
  if (proposals.length === 0) return fallback;
  const lead = reports.find((r) => r.proposal)!;
  const first = lead.proposal!;

  // A date read from the text outweighs the publication dates: a report that says "on Thursday" knows
  // better than one that only says when it was filed. Among the dates the reports give, the most
  // given; between as many, a date written out ("Sept. 20") over a weekday counted back ("on Tuesday",
  // often the day before, told as background); then the earlier, since reports come on or after the event.
  // Between text dates given as often, the reports dated only by publication break the tie: what
  // they were filed on is weak evidence, but evidence ("on Sunday" in one report, "on Tuesday" in
  // another, and a third filed on the Tuesday). A date read past the lead is weaker than the day of
  // publication (AFTER_LEAD_WEIGHT).
  const inLead = (p: ReportFacts) => p.dateFromText && !p.dateAfterLead;
  const leadDated = proposals.some(inLead);
  const dateKey = (p: ReportFacts) => `${p.date}|${p.precision}`;
  const weightOf = (p: ReportFacts): number => {
    if (p.dateAfterLead) return AFTER_LEAD_WEIGHT;
    if (!p.dateFromText) return leadDated ? PUBLICATION_TIE_BREAK : 1;
    return p.dateReason.startsWith(EXPLICIT_DATE_REASON) ? 1.2 : 1;
  };
  const vote = (p: ReportFacts): [string, number] => [dateKey(p), weightOf(p)];
  const agreed = plurality<string>(proposals.map(vote), (a, b) => (a < b ? -1 : a > b ? 1 : 0))!;
  const dated = proposals.filter((p) => dateKey(p) === agreed);
  const dateSource = dated.find(inLead) ?? dated.find((p) => p.dateFromText) ?? dated[0]!;
  const dateReason =
    proposals.length === 1 ? dateSource.dateReason : `${dated.length} of ${proposals.length} reports agree; ${dateSource.dateReason}`;

  const kind = plurality<EventKind>(
    proposals.map((p) => [p.kind, 1]),
    (a, b) => (a === first.kind ? -1 : b === first.kind ? 1 : a.localeCompare(b)),
  )!;

  return {
    title: first.title,
    summary: first.summary,
    date: dateSource.date,
    precision: dateSource.precision,
    dateReason,
    kind,
    language: lead.lang ?? fallback.language,
    countries: agreedEntities(proposals, (p) => p.countries, MAX_COUNTRIES),
    blocs: agreedEntities(proposals, (p) => p.blocs, MAX_BLOCS).filter((b) => proposals.some((p) => p.blocs.includes(b))),
    matchedBecause: first.matchedBecause,
    relevance: first.relevance,
    eventId: publishedEventOf(proposals),
  };
}

/**
 * The published event the reports tell together: the one with the best mean link score over all the
 * reports (a report that does not name it scores 0), when that mean is high enough and clearly above
 * the next event's. Several reports of one story say more than any one of them.
 */
export function publishedEventOf(proposals: Pick<ReportFacts, 'links'>[], threshold = LINK_MODEL.threshold): number | null {
  const sums = new Map<number, number>();
  for (const p of proposals) for (const l of p.links) sums.set(l.eventId, (sums.get(l.eventId) ?? 0) + l.score);
  const ranked = [...sums.entries()]
    .map(([id, sum]) => ({ id, mean: sum / proposals.length }))
    .sort((a, b) => b.mean - a.mean || a.id - b.id);
  const [best, next] = ranked;
  if (!best || best.mean < threshold) return null;
  return next && best.mean - next.mean < LINK_MARGIN ? null : best.id;
}
