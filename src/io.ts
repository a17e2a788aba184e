// Bulk import and export of events, and online backups.
import type { Core } from './core.ts';
import { validateEvent, type ValidEvent } from './domain/event-input.ts';
import { inTransaction } from './store/db.ts';

export interface ImportReport {
  ok: boolean;
  added: number;
  /** One line per bad field: 'row 3 (title "…"): date: …'. */
  problems: string[];
}

/** Validates every row first; stores all of them in one transaction, or none. */
export function importEvents(core: Core, json: string, actor: string): ImportReport {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    return { ok: false, added: 0, problems: [`the file is not valid JSON: ${(err as Error).message}`] };
  }
  const rows = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { events?: unknown }).events)
      ? (data as { events: unknown[] }).events
      : undefined;
  if (!rows) return { ok: false, added: 0, problems: ['expected a JSON array of events, or {"events": [...]}'] };
  if (rows.length === 0) return { ok: false, added: 0, problems: ['the file has no events'] };
  const now = core.now();
  const valid: ValidEvent[] = [];
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const where = `row ${i + 1}`;
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      problems.push(`${where}: not an object`);
      return;
    }
    const r = row as Record<string, unknown>;
    const names = [r.countries, r.blocs].flatMap((v) => (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []));
    const result = validateEvent(
      { title: r.title, date: r.date, countries: names, summary: r.summary ?? '', sources: r.sources, kind: r.kind },
      core.entities,
      now,
    );
    if (result.ok) valid.push(result.value);
    else {
      const label = typeof r.title === 'string' && r.title ? ` ("${r.title.slice(0, 40)}")` : '';
      for (const [field, message] of Object.entries(result.errors)) problems.push(`${where}${label}: ${field}: ${message}`);
    }
  });
  if (problems.length) return { ok: false, added: 0, problems };
  inTransaction(core.db, () => {
    for (const v of valid) core.events.addInTransaction(v, actor, now, { action: 'import' });
  });
  return { ok: true, added: valid.length, problems: [] };
}

interface ExportRow {
  id: number;
  title: string;
  summary: string;
  kind: string;
  occurred: string;
  precision: string;
  created_at: string;
  updated_at: string;
  revision: number;
}

/** Live events, oldest id first, in the import format (so an export can be imported elsewhere). */
export function* exportEvents(core: Core, format: 'json' | 'csv'): Generator<string> {
  const rows = core.db
    .prepare<[], ExportRow>(
      'SELECT id, title, summary, kind, occurred, precision, created_at, updated_at, revision FROM events WHERE deleted_at IS NULL ORDER BY id',
    )
    .iterate();
  const sources = core.db.prepare<[number], { url: string; publisher: string }>(
    'SELECT url, publisher FROM event_sources WHERE event_id = ? ORDER BY position',
  );
  const links = core.db.prepare<[number], { id: string; kind: string }>(
    'SELECT l.entity_id AS id, e.kind FROM event_entities l JOIN entities e ON e.id = l.entity_id WHERE l.event_id = ? ORDER BY l.position',
  );
  if (format === 'csv')
    yield `${['id', 'date', 'precision', 'kind', 'title', 'summary', 'countries', 'blocs', 'sources', 'created_at', 'updated_at', 'revision'].join(',')}\n`;
  else yield '[\n';
  let first = true;
  for (const r of rows) {
    const ents = links.all(r.id);
    const countries = ents.filter((e) => e.kind === 'country').map((e) => e.id);
    const blocs = ents.filter((e) => e.kind === 'bloc').map((e) => e.id);
    const srcs = sources.all(r.id);
    if (format === 'csv') {
      yield `${[r.id, r.occurred, r.precision, r.kind, r.title, r.summary, countries.join(';'), blocs.join(';'), srcs.map((s) => s.url).join(' '), r.created_at, r.updated_at, r.revision].map(csvCell).join(',')}\n`;
    } else {
      const obj = {
        id: r.id,
        date: r.occurred,
        precision: r.precision,
        kind: r.kind,
        title: r.title,
        summary: r.summary,
        countries,
        blocs,
        sources: srcs,
        created_at: r.created_at,
        updated_at: r.updated_at,
        revision: r.revision,
      };
      yield `${first ? '' : ',\n'}  ${JSON.stringify(obj)}`;
      first = false;
    }
  }
  if (format === 'json') yield '\n]\n';
}

function csvCell(v: unknown): string {
  const s = String(v);
  // Cells starting with = + - @ are formulas to spreadsheet programs: prefix them so they stay text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** SQLite's online backup: consistent even while the bot writes. */
export async function backup(core: Core, file: string): Promise<{ pages: number }> {
  const result = await core.db.backup(file);
  return { pages: result.totalPages };
}
