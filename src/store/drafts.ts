// The rows of news intake's draft events: a draft, its articles (sources and the reports intake kept of
// them), its countries and blocs, and the decision on it. What a draft says is worked out above, by
// intake (src/intake/pipeline/drafts.ts, from its reports); this store only reads and writes rows.
import { fromStored } from '../domain/dates.ts';
import type { EventKind, Precision } from '../domain/types.ts';
import type { Draft, DraftStatus } from './draft-types.ts';
import type { EntityDirectory } from './entities.ts';
import { AUDIT_IN_ORDER } from './event-sql.ts';
import { bySql, type Sql } from './sql.ts';

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

/** A report of a pending draft as the story index reads it; proposal and tokens as stored (JSON). */
export interface PendingReportRow {
  draftId: number;
  seq: number;
  lang: string;
  proposal: string;
  tokens: string;
  /** When its article was published, when known. */
  publishedAt: string | null;
  /** When its draft was made. */
  draftCreatedAt: string;
}

/** An article of a draft, with the proposal intake made of it when it has one (JSON; sources of older releases have none). */
export interface ReportRow {
  url: string;
  urlKey: string;
  publisher: string;
  publishedAt: string | null;
  lang: string | null;
  proposal: string | null;
}

/** A draft's own columns, as intake works them out. */
export interface DraftColumns {
  title: string;
  summary: string;
  occurred: string;
  precision: Precision;
  start: string;
  kind: EventKind;
  language: string;
  matchedBecause: string;
  dateReason: string;
  relevance: string;
  eventId: number | null;
}

const COLUMNS = {
  sqlite: `d.*,
  (SELECT json_group_array(json_array(s.url, s.url_key, s.publisher, s.published_at, s.lang))
     FROM (SELECT * FROM intake_draft_sources WHERE draft_id = d.id ORDER BY position) s) AS sources_json,
  (SELECT json_group_array(x.entity_id)
     FROM (SELECT entity_id FROM intake_draft_entities WHERE draft_id = d.id ORDER BY position) x) AS entities_json`,
  postgres: `d.*,
  (SELECT coalesce(json_agg(json_build_array(s.url, s.url_key, s.publisher, s.published_at, s.lang) ORDER BY s.position), '[]')
     FROM intake_draft_sources s WHERE s.draft_id = d.id) AS sources_json,
  (SELECT coalesce(json_agg(x.entity_id ORDER BY x.position), '[]') FROM intake_draft_entities x WHERE x.draft_id = d.id) AS entities_json`,
};

const COLUMN_PARAMS = `title = @title, summary = @summary, occurred = @occurred, precision = @precision, occurred_start = @start,
  kind = @kind, language = @language, matched_because = @matchedBecause, date_reason = @dateReason, relevance = @relevance, event_id = @eventId`;

/**
 * Taken before a report is written, held to the commit. Story indexes read reports as an ordered range
 * ("everything after seq N": pendingReportsAfter). On PostgreSQL a seq is drawn when the row is written,
 * and two ingesting transactions could commit theirs out of order: a reader that saw 101 but not yet 100
 * would move past 100 for good, and that article would never be matched to its story. As with the audit
 * log (AUDIT_IN_ORDER), writers of reports take turns from the write to their commit.
 */
const REPORTS_IN_ORDER = { sqlite: undefined, postgres: 'SELECT pg_advisory_xact_lock(2023052303)' };

export class DraftRecords {
  private readonly select: string;

  constructor(
    private readonly sql: Sql,
    private readonly entities: EntityDirectory,
  ) {
    this.select = `SELECT ${bySql(sql, COLUMNS)} FROM intake_drafts d`;
  }

  /** A draft with its sources in the order they were added. */
  async get(id: number): Promise<Draft | undefined> {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const r = await this.sql.get<DraftRow>(`${this.select} WHERE d.id = ?`, [id]);
    return r && this.hydrate(r);
  }

  /** The review queue, oldest first, from just after `afterId`. */
  async pending(limit: number, afterId = 0): Promise<Draft[]> {
    const rows = await this.sql.all<DraftRow>(`${this.select} WHERE d.status = 'pending' AND d.id > ? ORDER BY d.id LIMIT ?`, [
      afterId,
      limit,
    ]);
    return rows.map((r) => this.hydrate(r));
  }

  async pendingBefore(id: number): Promise<Draft | undefined> {
    const r = await this.sql.get<DraftRow>(`${this.select} WHERE d.status = 'pending' AND d.id < ? ORDER BY d.id DESC LIMIT 1`, [id]);
    return r && this.hydrate(r);
  }

  async pendingCount(): Promise<number> {
    return (await this.sql.get<{ n: number }>(`SELECT count(*) AS n FROM intake_drafts WHERE status = 'pending'`))!.n;
  }

  /** 1 for the oldest pending draft. */
  async pendingRank(id: number): Promise<number> {
    return (await this.sql.get<{ n: number }>(`SELECT count(*) AS n FROM intake_drafts WHERE status = 'pending' AND id <= ?`, [id]))!.n;
  }

  /** Reports of pending drafts made since an instant, added after `seq`, in the order they were added. */
  async pendingReportsAfter(seq: number, createdSince: Date): Promise<PendingReportRow[]> {
    return this.sql.all<PendingReportRow>(
      `SELECT r.draft_id AS "draftId", r.seq, coalesce(r.lang, 'und') AS lang, r.proposal, r.tokens, r.published_at AS "publishedAt",
              d.created_at AS "draftCreatedAt"
       FROM intake_draft_reports r JOIN intake_drafts d ON d.id = r.draft_id
       WHERE r.seq > ? AND d.status = 'pending' AND d.created_at >= ?
       ORDER BY r.seq`,
      [seq, createdSince.toISOString()],
    );
  }

  async isPending(id: number): Promise<boolean> {
    return (await this.sql.get(`SELECT id FROM intake_drafts WHERE id = ? AND status = 'pending'`, [id])) !== undefined;
  }

  /** The latest draft holding this article, whatever its status. */
  async withUrl(urlKey: string): Promise<{ draftId: number; status: DraftStatus } | undefined> {
    return this.sql.get<{ draftId: number; status: DraftStatus }>(
      `SELECT s.draft_id AS "draftId", d.status FROM intake_draft_sources s JOIN intake_drafts d ON d.id = s.draft_id
       WHERE s.url_key = ? ORDER BY s.draft_id DESC LIMIT 1`,
      [urlKey],
    );
  }

  /** A new pending draft; its id. */
  async insert(columns: DraftColumns, sourceId: number | null, createdBy: string, now: Date): Promise<number> {
    const row = await this.sql.get<{ id: number }>(
      `INSERT INTO intake_drafts (title, summary, occurred, precision, occurred_start, kind, language, matched_because, date_reason, relevance, event_id, source_id, created_by, created_at)
       VALUES (@title, @summary, @occurred, @precision, @start, @kind, @language, @matchedBecause, @dateReason, @relevance, @eventId, @sourceId, @createdBy, @now)
       RETURNING id`,
      { ...columns, sourceId, createdBy, now: now.toISOString() },
    );
    return row!.id;
  }

  /** Replaces a pending draft's columns (a decided draft is left as it was decided). */
  async update(id: number, columns: DraftColumns): Promise<void> {
    await this.sql.run(`UPDATE intake_drafts SET ${COLUMN_PARAMS} WHERE id = @id AND status = 'pending'`, { ...columns, id });
  }

  /** Adds an article as the draft's next source; false when the draft already holds it. */
  async addSource(
    draftId: number,
    s: { url: string; urlKey: string; publisher: string; publishedAt: string | null; lang: string | null },
  ): Promise<boolean> {
    const added = await this.sql.run(
      `INSERT INTO intake_draft_sources (draft_id, position, url, url_key, publisher, published_at, lang)
       VALUES (@draftId, (SELECT coalesce(max(position) + 1, 0) FROM intake_draft_sources WHERE draft_id = @draftId),
               @url, @urlKey, @publisher, @publishedAt, @lang)
       ON CONFLICT DO NOTHING`,
      { draftId, url: s.url, urlKey: s.urlKey, publisher: s.publisher, publishedAt: s.publishedAt, lang: s.lang },
    );
    return added === 1;
  }

  /** Keeps what intake proposed for an article of the draft (proposal and tokens as JSON). */
  async addReport(
    draftId: number,
    r: { urlKey: string; publishedAt: string | null; lang: string; proposal: string; tokens: string },
  ): Promise<void> {
    await this.sql.transaction(async () => {
      const inOrder = bySql(this.sql, REPORTS_IN_ORDER);
      if (inOrder) await this.sql.get(inOrder);
      await this.sql.run(
        `INSERT INTO intake_draft_reports (draft_id, url_key, published_at, lang, proposal, tokens)
         VALUES (@draftId, @urlKey, @publishedAt, @lang, @proposal, @tokens)`,
        { draftId, ...r },
      );
    });
  }

  async sourceCount(draftId: number): Promise<number> {
    return (await this.sql.get<{ n: number }>('SELECT count(*) AS n FROM intake_draft_sources WHERE draft_id = ?', [draftId]))!.n;
  }

  /** Every source of a draft in the order added, with its report when it has one. */
  reportsOf(draftId: number): Promise<ReportRow[]> {
    return this.sql.all<ReportRow>(
      `SELECT s.url, s.url_key AS "urlKey", s.publisher, s.published_at AS "publishedAt", s.lang, r.proposal
       FROM intake_draft_sources s LEFT JOIN intake_draft_reports r ON r.draft_id = s.draft_id AND r.url_key = s.url_key
       WHERE s.draft_id = ? ORDER BY s.position`,
      [draftId],
    );
  }

  /** The draft's countries and blocs, in this order. */
  async setEntities(draftId: number, entityIds: readonly string[]): Promise<void> {
    await this.sql.run('DELETE FROM intake_draft_entities WHERE draft_id = ?', [draftId]);
    for (const [i, e] of entityIds.entries()) {
      await this.sql.run('INSERT INTO intake_draft_entities (draft_id, entity_id, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
        draftId,
        e,
        i,
      ]);
    }
  }

  /** Records the decision on a pending draft; false when it was no longer pending (decided meanwhile). */
  async decide(id: number, status: Exclude<DraftStatus, 'pending'>, actor: string, now: Date, eventId: number | null): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE intake_drafts SET status = @status, decided_by = @actor, decided_at = @now, resulting_event_id = @eventId
       WHERE id = @id AND status = 'pending'`,
      { id, status, actor, now: now.toISOString(), eventId },
    );
    return changed === 1;
  }

  /** A rejection touches no event: its audit row names the draft alone (digests read event rows only). */
  async auditRejection(actor: string, now: Date, what: string): Promise<void> {
    const inOrder = bySql(this.sql, AUDIT_IN_ORDER);
    if (inOrder) await this.sql.get(inOrder);
    await this.sql.run(
      "INSERT INTO audit_log (at, actor, action, event_id, revision, before, after) VALUES (?, ?, 'reject', NULL, NULL, ?, NULL)",
      [now.toISOString(), actor, what],
    );
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
      sources: (JSON.parse(r.sources_json) as [string, string, string, string | null, string | null][]).map(
        ([url, urlKey, publisher, publishedAt, lang]) => ({ url, urlKey, publisher, publishedAt, lang }),
      ),
      createdBy: r.created_by,
      createdAt: r.created_at,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
      resultingEventId: r.resulting_event_id,
    };
  }
}
