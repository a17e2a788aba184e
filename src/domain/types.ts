// Shapes of the curated, built-in dataset. Kept free of any store or platform code so that the seed
// loader, the integrity tests and the bench can all read it.

export type EntityKind = 'country' | 'bloc';
export type Precision = 'year' | 'month' | 'day';
export type EventKind = 'status_change' | 'diplomatic' | 'military' | 'statement' | 'economic' | 'legal' | 'other';
export type MembershipStatus =
  | 'member'
  | 'founding_member'
  | 'observer'
  | 'dialogue_partner'
  | 'applicant'
  | 'frozen'
  | 'suspended'
  | 'withdrawn';

export interface SeedEntity {
  /** Stable lowercase id used everywhere: 'armenia', 'csto', 'union-state'. */
  id: string;
  kind: EntityKind;
  /** Display name: 'Armenia', 'CSTO'. */
  name: string;
  /** Longer name shown in headings, e.g. 'Collective Security Treaty Organization'. */
  fullName?: string;
  /** ISO 3166-1 alpha-2 and alpha-3 for countries. */
  iso2?: string;
  iso3?: string;
  /** Every other way a user may type it: names, codes, demonyms, capitals, acronyms. Case-insensitive. */
  aliases: string[];
}

export interface SeedSource {
  url: string;
  publisher: string;
  /**
   * When the source was published, where known: 'YYYY-MM-DD', or coarser for a book ('1995'). Not
   * stored; the integrity tests check that no event is dated after what reports it.
   */
  published?: string;
}

export interface SeedEvent {
  /** Stable key so that `blocwatch seed` is idempotent: 'am-csto-freeze-2024'. */
  key: string;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', matching precision. */
  date: string;
  precision: Precision;
  title: string;
  /** Neutral summary in our own words, at most 1500 characters. */
  summary: string;
  kind: EventKind;
  /** Entity ids of countries involved. */
  countries: string[];
  /** Entity ids of blocs involved (may be empty). */
  blocs: string[];
  sources: SeedSource[];
}

export interface SeedMembership {
  key: string;
  country: string;
  bloc: string;
  status: MembershipStatus;
  since: string;
  precision: Precision;
  /** Key of the SeedEvent that records this change, when the dataset has one. */
  basisEvent?: string;
  source: SeedSource;
  note?: string;
}
