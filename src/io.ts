// Bulk import and export of events, and online backups.
import type { Core } from './core.ts';
import { validateEvent, type ValidEvent } from './domain/event-input.ts';
import { exportedEvent } from './domain/event-record.ts';

export interface ImportReport {
  ok: boolean;
  added: number;
  /** One line per bad field: 'row 3 (title "…"): date: …'. */
  problems: string[];
}

/** Validates every row first; stores all of them in one transaction, or none. */
export async function importEvents(core: Core, json: string, actor: string): Promise<ImportReport> {
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
  await core.transaction(async () => {
    for (const v of valid) await core.events.add(v, actor, now, { action: 'import' });
  });
  return { ok: true, added: valid.length, problems: [] };
}

/** Events read per query while exporting: memory stays flat however many there are. */
const EXPORT_PAGE = 1000;

/** Live events, oldest id first, in the import format (so an export can be imported elsewhere). */
export async function* exportEvents(core: Core, format: 'json' | 'csv'): AsyncGenerator<string> {
  if (format === 'csv')
    yield `${['id', 'date', 'precision', 'kind', 'title', 'summary', 'countries', 'blocs', 'sources', 'created_at', 'updated_at', 'revision'].join(',')}\n`;
  else yield '[\n';
  let first = true;
  for (
    let page = await core.events.liveAfter(0, EXPORT_PAGE);
    page.length;
    page = await core.events.liveAfter(page.at(-1)!.id, EXPORT_PAGE)
  ) {
    for (const e of page) {
      if (format === 'csv') {
        const countries = e.countries.map((c) => c.id).join(';');
        const blocs = e.blocs.map((b) => b.id).join(';');
        yield `${[e.id, e.date.text, e.date.precision, e.kind, e.title, e.summary, countries, blocs, e.sources.map((s) => s.url).join(' '), e.createdAt, e.updatedAt, e.revision].map(csvCell).join(',')}\n`;
      } else {
        const obj = exportedEvent(e);
        yield `${first ? '' : ',\n'}  ${JSON.stringify(obj)}`;
        first = false;
      }
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

/** A consistent copy of the database while the bot writes (see OpsStore.backup). */
export function backup(core: Core, file: string): Promise<string> {
  return core.ops.backup(file);
}
