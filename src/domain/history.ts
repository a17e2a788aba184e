// The change history of one event: every write recorded in the audit log (add, edit, delete, restore,
// approval from review, seed, import) with when, who and which fields went from what to what. The log
// keeps whole snapshots before and after; the differences are worked out here, at read time, so that
// a new field in a snapshot shows up without touching the writers. Reading the log is src/store/history.ts.

export type AuditAction = 'add' | 'edit' | 'delete' | 'seed' | 'import' | 'restore' | 'approve' | 'reject';

export interface FieldChange {
  field: string;
  /** Undefined: the field had no value before (a new event) or has none after. */
  from?: string;
  to?: string;
}

export const FIELD_ORDER = ['title', 'date', 'kind', 'countries', 'blocs', 'summary', 'sources'];

/** A changed field as people read it, in chat and on the web alike. */
export const fieldLabel = (field: string): string => FIELD_LABELS[field] ?? field;

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  date: 'Date',
  kind: 'Kind',
  countries: 'Countries',
  blocs: 'Blocs',
  summary: 'Summary',
  sources: 'Sources',
};

export interface Revision {
  auditId: number;
  at: string;
  action: AuditAction;
  revision: number | null;
  /** 'discord', 'slack', 'console', or 'system' for the seed, imports and other tools. */
  platform: string;
  /** The platform's user id, or what the tool recorded (a file name for an import). */
  user: string;
  changes: FieldChange[];
  /** The review draft this write approved, when it came from /review (recorded in the snapshot's note). */
  draft?: number;
}

/** An audit_log row as stored. */
export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: AuditAction;
  revision: number | null;
  before: string | null;
  after: string | null;
}

/** One audit row as a revision: who, and what changed between its snapshots. */
export function toRevision(row: AuditRow): Revision {
  const { platform, user } = parseActor(row.actor);
  // An approval from review notes its draft in the snapshot: that names the write, it is not a field.
  const { draft, ...after } = parseSnapshot(row.after) ?? {};
  const { draft: _before, ...before } = parseSnapshot(row.before) ?? {};
  // Deletes and restores change no field: the whole event leaves or comes back as it was.
  const changes =
    row.action === 'delete' || row.action === 'restore' || row.action === 'reject'
      ? []
      : diff(row.before ? before : undefined, row.after ? after : undefined);
  const revision: Revision = { auditId: row.id, at: row.at, action: row.action, revision: row.revision, platform, user, changes };
  return typeof draft === 'number' ? { ...revision, draft } : revision;
}

/** 'discord:123' → Discord user 123; 'seed', 'cli:import:file.json' → the system. */
export function parseActor(actor: string): { platform: string; user: string } {
  const m = /^(discord|slack|console):(.*)$/.exec(actor);
  return m ? { platform: m[1]!, user: m[2]! } : { platform: 'system', user: actor };
}

function parseSnapshot(snapshot: string | null): Record<string, unknown> | undefined {
  if (!snapshot) return undefined;
  try {
    const v = JSON.parse(snapshot) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A stored value as one line of text: lists comma-separated, sources by URL. */
export function showValue(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) {
    const parts = v
      .map((x) => (x && typeof x === 'object' && 'url' in x ? String((x as { url: unknown }).url) : String(x)))
      .filter(Boolean);
    return parts.length ? parts.join(', ') : undefined;
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function diff(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): FieldChange[] {
  if (!after) return [];
  const fields = [...new Set([...FIELD_ORDER, ...Object.keys(before ?? {}), ...Object.keys(after)])];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = before ? showValue(before[field]) : undefined;
    const to = showValue(after[field]);
    if (from !== to) changes.push({ field, from, to });
  }
  return changes;
}
