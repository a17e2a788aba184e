// Draft events made from the news, and their review. A draft reaches the published dataset only by
// approval (./draft-decisions.ts). A draft is what its articles ("reports") say together
// (./draft-aggregate.ts): each report keeps its own proposal, and the draft is computed from them all.
import type { EventKind, Precision } from '../../domain/types.ts';
import type { StoryTokens } from '../types.ts';
import { fromStored } from '../../domain/dates.ts';
import type { ValidEvent } from '../../domain/event-input.ts';
import type { EventRecord } from '../../domain/event-record.ts';
import type { EntityDirectory } from '../../store/entities.ts';
import type { EventStore } from '../../store/events.ts';
import type { Db } from '../../store/db.ts';
import { DraftDecisions } from './draft-decisions.ts';
import type { Draft, DraftStatus } from './draft-types.ts';
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

interface DraftRow {
  id: number;
  status: DraftStatus;
  title: string;
  summary: string;
  occurred: string;
  precision: Precision;
  kind: EventKind;
  language: string;
  matched_because: string;
  date_reason: string;
  relevance: string;
  event_id: number | null;
  source_id: number | null;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  resulting_event_id: number | null;
  sources_json: string;
  entities_json: string;
}

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

interface ReportRow {
  draft_id: number;
  seq: number;
  lang: string | null;
  proposal: string;
  tokens: string;
  published_at: string | null;
  created_at: string;
}

interface SourceRow {
  url: string;
  url_key: string;
  publisher: string;
  published_at: string | null;
  lang: string | null;
  proposal: string | null;
}

const COLUMNS = `d.*,
  (SELECT json_group_array(json_array(s.url, s.url_key, s.publisher, s.published_at, s.lang))
     FROM (SELECT * FROM intake_draft_sources WHERE draft_id = d.id ORDER BY position) s) AS sources_json,
  (SELECT json_group_array(x.entity_id)
     FROM (SELECT entity_id FROM intake_draft_entities WHERE draft_id = d.id ORDER BY position) x) AS entities_json`;

export class DraftStore {
  private readonly s;
  private readonly decisions: DraftDecisions;

  constructor(
    db: Db,
    private readonly entities: EntityDirectory,
    events: EventStore,
  ) {
    this.s = {
      get: db.prepare<[number], DraftRow>(`SELECT ${COLUMNS} FROM intake_drafts d WHERE d.id = ?`),
      pendingAfter: db.prepare<[number, number], DraftRow>(
        `SELECT ${COLUMNS} FROM intake_drafts d WHERE d.status = 'pending' AND d.id > ? ORDER BY d.id LIMIT ?`,
      ),
      pendingBefore: db.prepare<[number], DraftRow>(
        `SELECT ${COLUMNS} FROM intake_drafts d WHERE d.status = 'pending' AND d.id < ? ORDER BY d.id DESC LIMIT 1`,
      ),
      pendingCount: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM intake_drafts WHERE status = 'pending'`),
      pendingRank: db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM intake_drafts WHERE status = 'pending' AND id <= ?`),
      // The reports the story index has not seen: added since `seq`, to drafts still pending and recent.
      pendingReportsAfter: db.prepare<[number, string], ReportRow>(
        `SELECT r.draft_id, r.seq, r.lang, r.proposal, r.tokens, r.published_at, d.created_at
         FROM intake_draft_reports r JOIN intake_drafts d ON d.id = r.draft_id
         WHERE r.seq > ? AND d.status = 'pending' AND d.created_at >= ?
         ORDER BY r.seq`,
      ),
      // Every source, with its report when it has one (sources of older releases have none).
      reports: db.prepare<[number], SourceRow>(
        `SELECT s.url, s.url_key, s.publisher, s.published_at, s.lang, r.proposal
         FROM intake_draft_sources s LEFT JOIN intake_draft_reports r ON r.draft_id = s.draft_id AND r.url_key = s.url_key
         WHERE s.draft_id = ? ORDER BY s.position`,
      ),
      isPending: db.prepare<[number], { id: number }>(`SELECT id FROM intake_drafts WHERE id = ? AND status = 'pending'`),
      byUrl: db.prepare<[string], { draft_id: number; status: DraftStatus }>(
        'SELECT s.draft_id, d.status FROM intake_draft_sources s JOIN intake_drafts d ON d.id = s.draft_id WHERE s.url_key = ? ORDER BY s.draft_id DESC LIMIT 1',
      ),
      insert: db.prepare(
        `INSERT INTO intake_drafts (title, summary, occurred, precision, occurred_start, kind, language, matched_because, date_reason, relevance, event_id, source_id, created_by, created_at)
         VALUES (@title, @summary, @occurred, @precision, @start, @kind, @language, @matchedBecause, @dateReason, @relevance, @eventId, @sourceId, @createdBy, @now)`,
      ),
      update: db.prepare(
        `UPDATE intake_drafts SET title = @title, summary = @summary, occurred = @occurred, precision = @precision,
           occurred_start = @start, kind = @kind, language = @language, matched_because = @matchedBecause,
           date_reason = @dateReason, relevance = @relevance, event_id = @eventId
         WHERE id = @id AND status = 'pending'`,
      ),
      addSource: db.prepare(
        `INSERT OR IGNORE INTO intake_draft_sources (draft_id, position, url, url_key, publisher, published_at, lang)
         VALUES (@draftId, (SELECT coalesce(max(position) + 1, 0) FROM intake_draft_sources WHERE draft_id = @draftId),
                 @url, @urlKey, @publisher, @publishedAt, @lang)`,
      ),
      addReport: db.prepare(
        `INSERT INTO intake_draft_reports (draft_id, url_key, published_at, lang, proposal, tokens)
         VALUES (@draftId, @urlKey, @publishedAt, @lang, @proposal, @tokens)`,
      ),
      sourceCount: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM intake_draft_sources WHERE draft_id = ?'),
      addEntity: db.prepare('INSERT OR IGNORE INTO intake_draft_entities (draft_id, entity_id, position) VALUES (?, ?, ?)'),
      clearEntities: db.prepare('DELETE FROM intake_draft_entities WHERE draft_id = ?'),
    };
    this.decisions = new DraftDecisions(db, entities, events, (id) => this.get(id));
  }

  get(id: number): Draft | undefined {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const r = this.s.get.get(id);
    return r && this.hydrate(r);
  }

  private hydrate(r: DraftRow): Draft {
    const countries: string[] = [];
    const blocs: string[] = [];
    for (const id of JSON.parse(r.entities_json) as string[]) (this.entities.get(id)?.kind === 'bloc' ? blocs : countries).push(id);
    return {
      id: r.id,
      status: r.status,
      title: r.title,
      summary: r.summary,
      date: fromStored(r.occurred, r.precision),
      kind: r.kind,
      language: r.language,
      matchedBecause: r.matched_because,
      dateReason: r.date_reason,
      relevance: r.relevance,
      eventId: r.event_id,
      sourceId: r.source_id,
      countries,
      blocs,
      sources: (JSON.parse(r.sources_json) as [string, string, string, string | null, string | null][])
        .map(([url, urlKey, publisher, publishedAt, lang]) => ({ url, urlKey, publisher, publishedAt, lang }))
        .sort((a, b) => canonicalOrder({ ...a, proposal: null }, { ...b, proposal: null })),
      createdBy: r.created_by,
      createdAt: r.created_at,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
      resultingEventId: r.resulting_event_id,
    };
  }

  /** The review queue, oldest first, from just after `afterId`. */
  pending(limit: number, afterId = 0): Draft[] {
    return this.s.pendingAfter.all(afterId, limit).map((r) => this.hydrate(r));
  }

  pendingBefore(id: number): Draft | undefined {
    const r = this.s.pendingBefore.get(id);
    return r && this.hydrate(r);
  }

  pendingCount(): number {
    return this.s.pendingCount.get()!.n;
  }

  /** 1 for the oldest pending draft. */
  pendingRank(id: number): number {
    return this.s.pendingRank.get(id)!.n;
  }

  /** Reports of pending drafts made since an instant, added after `seq`, in the order they were added. */
  pendingReportsAfter(seq: number, createdSince: Date): PendingReport[] {
    return this.s.pendingReportsAfter.all(seq, createdSince.toISOString()).map((r) => ({
      draftId: r.draft_id,
      seq: r.seq,
      lang: r.lang ?? 'und',
      proposal: { ...(JSON.parse(r.proposal) as Omit<ReportProposal, 'tokens'>), tokens: JSON.parse(r.tokens) as StoryTokens },
      publishedAt: r.published_at,
      draftCreatedAt: r.created_at,
    }));
  }

  isPending(id: number): boolean {
    return this.s.isPending.get(id) !== undefined;
  }

  /** The latest draft holding this article, whatever its status. */
  withUrl(urlKey: string): { draftId: number; status: DraftStatus } | undefined {
    const r = this.s.byUrl.get(urlKey);
    return r && { draftId: r.draft_id, status: r.status };
  }

  /** A draft of one article. Call inside the transaction that also records the item as seen. */
  create(d: NewDraft, now: Date): Draft {
    const fields = aggregate([{ ...d.report, url: d.report.url ?? '', urlKey: d.report.urlKey ?? '' }], FALLBACK);
    const { lastInsertRowid } = this.s.insert.run({
      ...this.row(fields),
      sourceId: d.sourceId,
      createdBy: d.createdBy,
      now: now.toISOString(),
    });
    const id = Number(lastInsertRowid);
    this.setEntities(id, fields);
    if (d.report.url && d.report.urlKey) this.insertReport(id, { ...d.report, url: d.report.url, urlKey: d.report.urlKey });
    return this.get(id)!;
  }

  /**
   * Adds an article to a pending draft as a further report, and the draft becomes what its reports
   * now say together. False when the draft already holds it or holds DRAFT_REPORTS_MAX reports.
   */
  addReport(draftId: number, report: NewReport): boolean {
    if (this.s.sourceCount.get(draftId)!.n >= DRAFT_REPORTS_MAX) return false;
    if (!this.insertReport(draftId, report)) return false;
    const current = this.get(draftId);
    if (current?.status !== 'pending') return true;
    const fields = aggregate(this.reportsOf(draftId), fieldsOf(current));
    this.s.update.run({ ...this.row(fields), id: draftId });
    this.setEntities(draftId, fields);
    return true;
  }

  private insertReport(draftId: number, r: NewReport): boolean {
    const row = { draftId, url: r.url, urlKey: r.urlKey, publisher: r.publisher, publishedAt: r.publishedAt, lang: r.lang };
    if (this.s.addSource.run(row).changes !== 1) return false;
    if (r.proposal) {
      const { tokens, ...rest } = r.proposal;
      this.s.addReport.run({ ...row, lang: r.lang ?? 'und', proposal: JSON.stringify(rest), tokens: JSON.stringify(tokens) });
    }
    return true;
  }

  private reportsOf(draftId: number): Report[] {
    return this.s.reports.all(draftId).map((r) => ({
      url: r.url,
      urlKey: r.url_key,
      publisher: r.publisher,
      publishedAt: r.published_at,
      lang: r.lang,
      proposal: r.proposal ? (JSON.parse(r.proposal) as ReportFacts) : null,
    }));
  }

  private row(f: DraftFields) {
    const date = fromStored(f.date, f.precision);
    return {
      // Whatever a page calls itself, the row stays within its limits; Edit can fix a cut title.
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

  private setEntities(draftId: number, f: DraftFields): void {
    this.s.clearEntities.run(draftId);
    for (const [i, e] of [...f.countries, ...f.blocs].entries()) this.s.addEntity.run(draftId, e, i);
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
  approve(id: number, actor: string, now: Date, edited?: ValidEvent, expectedRevision?: number): EventRecord {
    return this.decisions.approve(id, actor, now, edited, expectedRevision);
  }

  /** Publishes an edited draft as a new event even when it proposed a source for an existing one. */
  approveAsNew(id: number, actor: string, now: Date, edited: ValidEvent): EventRecord {
    return this.decisions.approveAsNew(id, actor, now, edited);
  }

  reject(id: number, actor: string, now: Date): Draft {
    return this.decisions.reject(id, actor, now);
  }
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
export type { Draft, DraftSource, DraftStatus } from './draft-types.ts';
