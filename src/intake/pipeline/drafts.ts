// Draft events made from the news, and their review. A draft reaches the published dataset only by
// approval, which writes the event (or the further source of an event) and marks the draft approved in
// one transaction; the status check inside it makes two editors pressing at once produce one event.
import type { EventKind, Precision } from '../../domain/types.ts';
import { fromStored, type PartialDate } from '../../domain/dates.ts';
import { LIMITS, validateEvent, type ValidEvent } from '../../domain/event-input.ts';
import { ConflictError, NotFoundError, type EventRecord } from '../../domain/event-record.ts';
import type { EntityDirectory } from '../../store/entities.ts';
import type { EventStore } from '../../store/events.ts';
import { inTransaction, type Db } from '../../store/db.ts';

export type DraftStatus = 'pending' | 'approved' | 'rejected';

export interface DraftSource {
  url: string;
  urlKey: string;
  publisher: string;
  publishedAt: string | null;
}

export interface Draft {
  id: number;
  status: DraftStatus;
  title: string;
  summary: string;
  date: PartialDate;
  kind: EventKind;
  language: string;
  matchedBecause: string;
  dateReason: string;
  /** The published event this article would become a further source of. */
  eventId: number | null;
  sourceId: number | null;
  countries: string[];
  blocs: string[];
  sources: DraftSource[];
  createdBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  resultingEventId: number | null;
}

export interface NewDraft {
  title: string;
  summary: string;
  date: string;
  precision: Precision;
  kind: EventKind;
  language: string;
  matchedBecause: string;
  dateReason: string;
  eventId: number | null;
  sourceId: number | null;
  countries: string[];
  blocs: string[];
  /** Undefined for an article pasted from a file with no known address: Edit adds it before approval. */
  source?: DraftSource;
  createdBy: string;
}

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

/** A pending draft as "the same story" compares it. */
export interface PendingStory {
  id: number;
  title: string;
  summary: string;
  /** As stored: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  date: string;
  countries: string[];
  blocs: string[];
  createdAt: string;
}

interface StoryRow {
  id: number;
  title: string;
  summary: string;
  occurred: string;
  created_at: string;
  entities_json: string;
}

const COLUMNS = `d.*,
  (SELECT json_group_array(json_array(s.url, s.url_key, s.publisher, s.published_at))
     FROM (SELECT * FROM intake_draft_sources WHERE draft_id = d.id ORDER BY position) s) AS sources_json,
  (SELECT json_group_array(x.entity_id)
     FROM (SELECT entity_id FROM intake_draft_entities WHERE draft_id = d.id ORDER BY position) x) AS entities_json`;

/** An approved or rejected draft, or one that vanished: the button pressed is out of date. */
export class DraftDecidedError extends ConflictError {
  override name = 'DraftDecidedError';
}

export class DraftStore {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly entities: EntityDirectory,
    private readonly events: EventStore,
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
      // Only what "the same story" compares, for the drafts made since the index last looked
      // (src/intake/pipeline/story-index.ts): on a busy pass one row, the draft just made.
      pendingStoriesAfter: db.prepare<[number, string], StoryRow>(
        `SELECT d.id, d.title, d.summary, d.occurred, d.created_at,
           (SELECT json_group_array(x.entity_id)
              FROM (SELECT entity_id FROM intake_draft_entities WHERE draft_id = d.id ORDER BY position) x) AS entities_json
         FROM intake_drafts d
         WHERE d.status = 'pending' AND d.id > ? AND d.created_at >= ?
         ORDER BY d.id`,
      ),
      isPending: db.prepare<[number], { id: number }>(`SELECT id FROM intake_drafts WHERE id = ? AND status = 'pending'`),
      byUrl: db.prepare<[string], { draft_id: number; status: DraftStatus }>(
        'SELECT s.draft_id, d.status FROM intake_draft_sources s JOIN intake_drafts d ON d.id = s.draft_id WHERE s.url_key = ? ORDER BY s.draft_id DESC LIMIT 1',
      ),
      insert: db.prepare(
        `INSERT INTO intake_drafts (title, summary, occurred, precision, occurred_start, kind, language, matched_because, date_reason, event_id, source_id, created_by, created_at)
         VALUES (@title, @summary, @occurred, @precision, @start, @kind, @language, @matchedBecause, @dateReason, @eventId, @sourceId, @createdBy, @now)`,
      ),
      addSource: db.prepare(
        `INSERT OR IGNORE INTO intake_draft_sources (draft_id, position, url, url_key, publisher, published_at)
         VALUES (@draftId, (SELECT coalesce(max(position) + 1, 0) FROM intake_draft_sources WHERE draft_id = @draftId), @url, @urlKey, @publisher, @publishedAt)`,
      ),
      sourceCount: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM intake_draft_sources WHERE draft_id = ?'),
      addEntity: db.prepare('INSERT OR IGNORE INTO intake_draft_entities (draft_id, entity_id, position) VALUES (?, ?, ?)'),
      // A rejection touches no event: its audit row names the draft alone (digests read event rows only).
      auditReject: db.prepare(
        "INSERT INTO audit_log (at, actor, action, event_id, revision, before, after) VALUES (?, ?, 'reject', NULL, NULL, ?, NULL)",
      ),
      decide: db.prepare(
        `UPDATE intake_drafts SET status = @status, decided_by = @actor, decided_at = @now, resulting_event_id = @eventId
         WHERE id = @id AND status = 'pending'`,
      ),
    };
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
      eventId: r.event_id,
      sourceId: r.source_id,
      countries,
      blocs,
      sources: (JSON.parse(r.sources_json) as [string, string, string, string | null][]).map(([url, urlKey, publisher, publishedAt]) => ({
        url,
        urlKey,
        publisher,
        publishedAt,
      })),
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

  /** Pending drafts after an id, created since an instant, oldest first: as much as "the same story" reads. */
  pendingStoriesAfter(afterId: number, createdSince: Date): PendingStory[] {
    return this.s.pendingStoriesAfter.all(afterId, createdSince.toISOString()).map((r) => {
      const countries: string[] = [];
      const blocs: string[] = [];
      for (const id of JSON.parse(r.entities_json) as string[]) (this.entities.get(id)?.kind === 'bloc' ? blocs : countries).push(id);
      return { id: r.id, title: r.title, summary: r.summary, date: r.occurred, countries, blocs, createdAt: r.created_at };
    });
  }

  isPending(id: number): boolean {
    return this.s.isPending.get(id) !== undefined;
  }

  /** The latest draft holding this article, whatever its status. */
  withUrl(urlKey: string): { draftId: number; status: DraftStatus } | undefined {
    const r = this.s.byUrl.get(urlKey);
    return r && { draftId: r.draft_id, status: r.status };
  }

  /** Call inside the transaction that also records the item as seen. */
  create(d: NewDraft, now: Date): Draft {
    const date = fromStored(d.date, d.precision);
    const { lastInsertRowid } = this.s.insert.run({
      // Whatever a page calls itself, the row stays within its limits; Edit can fix a cut title.
      title: d.title.trim().slice(0, 300) || 'Untitled article',
      summary: d.summary.slice(0, 1500),
      occurred: date.text,
      precision: date.precision,
      start: date.start,
      kind: d.kind,
      language: d.language,
      matchedBecause: d.matchedBecause,
      dateReason: d.dateReason,
      eventId: d.eventId,
      sourceId: d.sourceId,
      createdBy: d.createdBy,
      now: now.toISOString(),
    });
    const id = Number(lastInsertRowid);
    for (const [i, e] of [...d.countries, ...d.blocs].entries()) this.s.addEntity.run(id, e, i);
    if (d.source) this.addSource(id, d.source);
    return this.get(id)!;
  }

  /**
   * Adds an article to a pending draft as a further source. False when the draft already holds it or
   * holds as many sources as an event may.
   */
  addSource(draftId: number, source: DraftSource): boolean {
    if (this.s.sourceCount.get(draftId)!.n >= LIMITS.sourcesMax) return false;
    return this.s.addSource.run({ draftId, ...source }).changes === 1;
  }

  /** The event the draft proposes, checked exactly as the event form checks what an editor types. */
  proposedEvent(d: Draft, now: Date): ValidEvent {
    const names = [...d.countries, ...d.blocs].map((id) => this.entities.get(id)?.name ?? id);
    const r = validateEvent(
      {
        title: d.title,
        date: d.date.text,
        countries: names,
        summary: d.summary,
        sources: d.sources.map((s) => ({ url: s.url, publisher: s.publisher })),
        kind: d.kind,
      },
      this.entities,
      now,
    );
    if (!r.ok)
      throw new ConflictError(
        `Draft #${d.id} cannot be published as it stands (${Object.values(r.errors).join(' ')}). Use Edit to correct it.`,
      );
    return r.value;
  }

  /**
   * Publishes a pending draft: a new event, or (event_id set) its articles as further sources of that
   * event. `edited` is what an editor corrected in the form; `expectedRevision` guards an edit of the
   * published event made from a form opened earlier.
   */
  approve(id: number, actor: string, now: Date, edited?: ValidEvent, expectedRevision?: number): EventRecord {
    return inTransaction(this.db, () => {
      const d = this.pendingOrThrow(id);
      const note = { draft: d.id };
      let event: EventRecord;
      if (d.eventId !== null) {
        const target = this.events.get(d.eventId);
        if (!target)
          throw new ConflictError(
            `Event #${d.eventId}, which draft #${d.id} would add a source to, no longer exists. Reject the draft, or use Edit to publish it as a new event.`,
          );
        const input = edited ?? withSources(target, d);
        event = this.events.edit(target.id, input, actor, now, expectedRevision ?? target.revision, { note });
      } else {
        event = this.events.addInTransaction(edited ?? this.proposedEvent(d, now), actor, now, { note });
      }
      this.decide(d.id, 'approved', actor, now, event.id);
      return event;
    });
  }

  /** Publishes an edited draft as a new event even when it proposed a source for an existing one. */
  approveAsNew(id: number, actor: string, now: Date, edited: ValidEvent): EventRecord {
    return inTransaction(this.db, () => {
      const d = this.pendingOrThrow(id);
      const event = this.events.addInTransaction(edited, actor, now, { note: { draft: d.id } });
      this.decide(d.id, 'approved', actor, now, event.id);
      return event;
    });
  }

  reject(id: number, actor: string, now: Date): Draft {
    return inTransaction(this.db, () => {
      const d = this.pendingOrThrow(id);
      this.decide(id, 'rejected', actor, now, null);
      this.s.auditReject.run(
        now.toISOString(),
        actor,
        JSON.stringify({ draft: d.id, title: d.title, sources: d.sources.map((x) => x.url) }),
      );
      return this.get(id)!;
    });
  }

  private pendingOrThrow(id: number): Draft {
    const d = this.get(id);
    if (!d) throw new NotFoundError(`No draft #${id}.`);
    if (d.status !== 'pending') throw new DraftDecidedError(decidedText(d));
    return d;
  }

  private decide(id: number, status: Exclude<DraftStatus, 'pending'>, actor: string, now: Date, eventId: number | null): void {
    // The guard that makes a double press harmless: only the first decision changes the row.
    const r = this.s.decide.run({ id, status, actor, now: now.toISOString(), eventId });
    if (r.changes !== 1) throw new DraftDecidedError(decidedText(this.get(id)!));
  }
}

export function decidedText(d: Draft): string {
  const who = d.decidedBy ? ` by ${d.decidedBy}` : '';
  if (d.status === 'approved') return `Draft #${d.id} was already approved${who}: it is event #${d.resultingEventId}.`;
  return `Draft #${d.id} was already rejected${who}.`;
}

/** The published event with the draft's articles appended as sources (up to the limit). */
export function withSources(target: EventRecord, d: Draft): ValidEvent {
  const have = new Set(target.sources.map((s) => s.url));
  const added = d.sources.filter((s) => !have.has(s.url)).map((s) => ({ url: s.url, publisher: s.publisher }));
  const sources = [...target.sources, ...added];
  if (sources.length > LIMITS.sourcesMax) {
    throw new ConflictError(
      `Event #${target.id} already has ${target.sources.length} sources; an event holds at most ${LIMITS.sourcesMax}. Use Edit to choose which to keep.`,
    );
  }
  return {
    title: target.title,
    summary: target.summary,
    kind: target.kind,
    date: target.date,
    countryIds: target.countries.map((c) => c.id),
    blocIds: target.blocs.map((b) => b.id),
    sources,
  };
}
