// Draft events made from the news, and their review. A draft reaches the published dataset only by
// approval (./draft-decisions.ts). A draft is what its articles ("reports") say together
// (./draft-aggregate.ts): each report keeps its own proposal, and the draft is computed from them all.
import type { StoryTokens } from '../types.ts';
import { fromStored } from '../../domain/dates.ts';
import type { ValidEvent } from '../../domain/event-input.ts';
import type { EventRecord } from '../../domain/event-record.ts';
import type { Core } from '../../core.ts';
import type { DraftColumns, DraftRecords } from '../../store/drafts.ts';
import type { Draft, DraftStatus } from '../../store/draft-types.ts';
import { DraftDecisions } from './draft-decisions.ts';
import {
  aggregate,
  canonicalOrder,
  type DraftFields,
  type NewReport,
  type Report,
  type ReportFacts,
  type ReportProposal,
} from './draft-aggregate.ts';

export interface NewDraft {
  sourceId: number | null;
  createdBy: string;
  /** The article; its proposal makes the draft. Without an address (a pasted file), Edit adds one. */
  report: Omit<NewReport, 'url' | 'urlKey'> & { url: string | null; urlKey: string | null };
}

/** The most reports a draft gathers; approval publishes the first LIMITS.sourcesMax of them. */
export const DRAFT_REPORTS_MAX = 20;

/** A report of a pending draft as the story index reads it. */
export interface PendingReport {
  draftId: number;
  seq: number;
  lang: string;
  proposal: ReportProposal;
  /** When the article was published, as its page or feed says. */
  publishedAt: string | null;
  /** When its draft was made. */
  draftCreatedAt: string;
}

export class DraftStore {
  private readonly rows: DraftRecords;
  private readonly decisions: DraftDecisions;

  constructor(core: Core) {
    this.rows = core.drafts;
    this.decisions = new DraftDecisions(core, (id) => this.get(id));
  }

  async get(id: number): Promise<Draft | undefined> {
    return ordered(await this.rows.get(id));
  }

  /** The review queue, oldest first, from just after `afterId`. */
  async pending(limit: number, afterId = 0): Promise<Draft[]> {
    return (await this.rows.pending(limit, afterId)).map((d) => ordered(d)!);
  }

  async pendingBefore(id: number): Promise<Draft | undefined> {
    return ordered(await this.rows.pendingBefore(id));
  }

  pendingCount(): Promise<number> {
    return this.rows.pendingCount();
  }

  /** 1 for the oldest pending draft. */
  pendingRank(id: number): Promise<number> {
    return this.rows.pendingRank(id);
  }

  /** Reports of pending drafts made since an instant, added after `seq`, in the order they were added. */
  async pendingReportsAfter(seq: number, createdSince: Date): Promise<PendingReport[]> {
    return (await this.rows.pendingReportsAfter(seq, createdSince)).map((r) => ({
      draftId: r.draftId,
      seq: r.seq,
      lang: r.lang,
      proposal: { ...(JSON.parse(r.proposal) as Omit<ReportProposal, 'tokens'>), tokens: JSON.parse(r.tokens) as StoryTokens },
      publishedAt: r.publishedAt,
      draftCreatedAt: r.draftCreatedAt,
    }));
  }

  isPending(id: number): Promise<boolean> {
    return this.rows.isPending(id);
  }

  /** The latest draft holding this article, whatever its status. */
  withUrl(urlKey: string): Promise<{ draftId: number; status: DraftStatus } | undefined> {
    return this.rows.withUrl(urlKey);
  }

  /** A draft of one article. Call inside the transaction that also records the item as seen. */
  async create(d: NewDraft, now: Date): Promise<Draft> {
    const fields = aggregate([{ ...d.report, url: d.report.url ?? '', urlKey: d.report.urlKey ?? '' }], FALLBACK);
    const id = await this.rows.insert(columnsOf(fields), d.sourceId, d.createdBy, now);
    await this.rows.setEntities(id, [...fields.countries, ...fields.blocs]);
    if (d.report.url && d.report.urlKey) await this.insertReport(id, { ...d.report, url: d.report.url, urlKey: d.report.urlKey });
    return (await this.get(id))!;
  }

  /**
   * Adds an article to a pending draft as a further report, and the draft becomes what its reports
   * now say together. False when the draft already holds it or holds DRAFT_REPORTS_MAX reports.
   */
  async addReport(draftId: number, report: NewReport): Promise<boolean> {
    if ((await this.rows.sourceCount(draftId)) >= DRAFT_REPORTS_MAX) return false;
    if (!(await this.insertReport(draftId, report))) return false;
    const current = await this.get(draftId);
    if (current?.status !== 'pending') return true;
    const fields = aggregate(await this.reportsOf(draftId), fieldsOf(current));
    await this.rows.update(draftId, columnsOf(fields));
    await this.rows.setEntities(draftId, [...fields.countries, ...fields.blocs]);
    return true;
  }

  private async insertReport(draftId: number, r: NewReport): Promise<boolean> {
    const source = { url: r.url, urlKey: r.urlKey, publisher: r.publisher, publishedAt: r.publishedAt, lang: r.lang };
    if (!(await this.rows.addSource(draftId, source))) return false;
    if (r.proposal) {
      const { tokens, ...rest } = r.proposal;
      await this.rows.addReport(draftId, {
        urlKey: r.urlKey,
        publishedAt: r.publishedAt,
        lang: r.lang ?? 'und',
        proposal: JSON.stringify(rest),
        tokens: JSON.stringify(tokens),
      });
    }
    return true;
  }

  private async reportsOf(draftId: number): Promise<Report[]> {
    return (await this.rows.reportsOf(draftId)).map((r) => ({
      ...r,
      proposal: r.proposal ? (JSON.parse(r.proposal) as ReportFacts) : null,
    }));
  }

  /** The event the draft proposes, checked exactly as the event form checks what an editor types. */
  proposedEvent(d: Draft, now: Date): ValidEvent {
    return this.decisions.proposedEvent(d, now);
  }

  /**
   * Publishes a pending draft: a new event, or (event_id set) its articles as further sources of that
   * event. `edited` is what an editor corrected in the form; `expectedRevision` guards an edit of the
   * published event made from a form opened earlier.
   */
  approve(id: number, actor: string, now: Date, edited?: ValidEvent, expectedRevision?: number): Promise<EventRecord> {
    return this.decisions.approve(id, actor, now, edited, expectedRevision);
  }

  /** Publishes an edited draft as a new event even when it proposed a source for an existing one. */
  approveAsNew(id: number, actor: string, now: Date, edited: ValidEvent): Promise<EventRecord> {
    return this.decisions.approveAsNew(id, actor, now, edited);
  }

  reject(id: number, actor: string, now: Date): Promise<Draft> {
    return this.decisions.reject(id, actor, now);
  }
}

/**
 * English first, then the first published: the order approval takes a draft's articles in. The
 * sources are compared as they are (canonicalOrder reads a report's language, date and address, never
 * its proposal): copying both for every comparison was most of what reading a draft allocated, and a
 * busy pass reads a draft back after every article it drafts or merges.
 */
function ordered(d: Draft | undefined): Draft | undefined {
  return d && { ...d, sources: [...d.sources].sort((a, b) => canonicalOrder(a as Report, b as Report)) };
}

/** A draft's columns from what its reports say together; whatever a page calls itself, the row stays within its limits. */
function columnsOf(f: DraftFields): DraftColumns {
  const date = fromStored(f.date, f.precision);
  return {
    // Edit can fix a cut title.
    title: f.title.trim().slice(0, 300) || 'Untitled article',
    summary: f.summary.slice(0, 1500),
    occurred: date.text,
    precision: date.precision,
    start: date.start,
    kind: f.kind,
    language: f.language,
    matchedBecause: f.matchedBecause,
    dateReason: f.dateReason,
    relevance: f.relevance,
    eventId: f.eventId,
  };
}

const FALLBACK: DraftFields = {
  title: 'Untitled article',
  summary: '',
  date: '1970-01-01',
  precision: 'day',
  dateReason: '',
  kind: 'other',
  language: 'und',
  countries: [],
  blocs: [],
  matchedBecause: '',
  relevance: '',
  eventId: null,
};

/** A draft's own fields, for when none of its reports carries a proposal (drafts of older releases). */
function fieldsOf(d: Draft): DraftFields {
  return {
    title: d.title,
    summary: d.summary,
    date: d.date.text,
    precision: d.date.precision,
    dateReason: d.dateReason,
    kind: d.kind,
    language: d.language,
    countries: d.countries,
    blocs: d.blocs,
    matchedBecause: d.matchedBecause,
    relevance: d.relevance,
    eventId: d.eventId,
  };
}

export { DraftDecidedError, decidedText, withSources } from './draft-decisions.ts';
export type { Draft, DraftSource, DraftStatus } from '../../store/draft-types.ts';
