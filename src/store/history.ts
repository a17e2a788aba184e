// Reads an event's revisions from the audit log, newest first, as the domain's Revision records.
import { toRevision, type AuditRow, type Revision } from '../domain/history.ts';
import type { Sql } from './sql.ts';

/** A history longer than this is cut at its newest revisions, and says so. */
export const HISTORY_MAX_REVISIONS = 2000;

export class EventHistory {
  constructor(private readonly sql: Sql) {}

  /** Newest first; `truncated` when older revisions were left out. */
  async of(eventId: number): Promise<{ revisions: Revision[]; truncated: boolean }> {
    if (!Number.isSafeInteger(eventId) || eventId < 1) return { revisions: [], truncated: false };
    const rows = await this.sql.all<AuditRow>(
      'SELECT id, at, actor, action, revision, before, after FROM audit_log WHERE event_id = ? ORDER BY id DESC LIMIT ?',
      [eventId, HISTORY_MAX_REVISIONS + 1],
    );
    return { revisions: rows.slice(0, HISTORY_MAX_REVISIONS).map(toRevision), truncated: rows.length > HISTORY_MAX_REVISIONS };
  }
}
