// Reads an event's revisions from the audit log, newest first, as the domain's Revision records.
import { toRevision, type AuditRow, type Revision } from '../domain/history.ts';
import type { Db } from './db.ts';

/** A history longer than this is cut at its newest revisions, and says so. */
export const HISTORY_MAX_REVISIONS = 2000;

export class EventHistory {
  private readonly rows;

  constructor(db: Db) {
    this.rows = db.prepare<[number, number], AuditRow>(
      'SELECT id, at, actor, action, revision, before, after FROM audit_log WHERE event_id = ? ORDER BY id DESC LIMIT ?',
    );
  }

  /** Newest first; `truncated` when older revisions were left out. */
  of(eventId: number): { revisions: Revision[]; truncated: boolean } {
    if (!Number.isSafeInteger(eventId) || eventId < 1) return { revisions: [], truncated: false };
    const rows = this.rows.all(eventId, HISTORY_MAX_REVISIONS + 1);
    return { revisions: rows.slice(0, HISTORY_MAX_REVISIONS).map(toRevision), truncated: rows.length > HISTORY_MAX_REVISIONS };
  }
}
