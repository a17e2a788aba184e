// The digest of one subscription: every write recorded after its cursor (audit_log ids, an exact range)
// that touches an event matching its filters, grouped by country or bloc, with corrections and removals
// marked. The result is a neutral Reply; the platform renderer splits it into parts within limits.
import { dataTo, type DataCurrency } from '../presentation/currency.ts';
import { toItem } from '../presentation/items.ts';
import type { Core } from '../core.ts';
import { formatDay } from '../domain/dates.ts';
import type { EventRecord } from '../domain/event-record.ts';
import type { Block, EventItem, Reply } from '../reply.ts';
import type { DigestStore } from '../store/digests.ts';

export interface DigestFilter {
  countries: readonly string[];
  blocs: readonly string[];
}

export interface DigestChange {
  event: EventRecord;
  mark: NonNullable<EventItem['mark']>;
}

export interface ComposedDigest {
  /** The last audit id this digest covers; the cursor moves here once it is delivered. */
  cursorTo: number;
  changes: DigestChange[];
  reply?: Reply;
}

/** Reads change windows once and shares them between the subscriptions that ask for the same one. */
export class DigestComposer {
  private readonly cache = new Map<string, Promise<DigestChange[]>>();

  constructor(
    private readonly core: Core,
    private readonly store: Pick<DigestStore, 'latestChange' | 'changesIn' | 'changeBefore'>,
  ) {}

  /** Every event written in (from, to], with what happened to it in that window. */
  changes(from: number, to: number): Promise<DigestChange[]> {
    const key = `${from}:${to}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const read = this.read(from, to);
    if (this.cache.size > 64) this.cache.clear();
    this.cache.set(key, read);
    // A failed read is not kept: the next digest asks again.
    read.catch(() => this.cache.delete(key));
    return read;
  }

  private async read(from: number, to: number): Promise<DigestChange[]> {
    const seen = new Map<number, { added: boolean; last: string }>();
    for (const r of await this.store.changesIn(from, to)) {
      const s = seen.get(r.eventId) ?? { added: false, last: r.action };
      if (r.action === 'add' || r.action === 'import' || r.action === 'seed') s.added = true;
      s.last = r.action;
      seen.set(r.eventId, s);
    }
    const events = await Promise.all([...seen.keys()].map((id) => this.core.events.get(id, { includeDeleted: true })));
    const out: DigestChange[] = [];
    for (const [i, s] of [...seen.values()].entries()) {
      const event = events[i];
      if (!event) continue;
      if (s.last === 'delete') {
        // Added and removed again within the window: nobody saw it, so nothing to say.
        if (!s.added) out.push({ event, mark: 'deleted' });
      } else out.push({ event, mark: s.added ? 'new' : 'corrected' });
    }
    return out;
  }

  /** The last change recorded before an instant: a cursor for "everything since then". */
  changeBefore(at: Date): Promise<number> {
    return this.store.changeBefore(at);
  }

  /**
   * The digest of changes after `from` matching the filter. `maxEvents` shortens a preview (the digest
   * itself always carries every change, split into parts).
   */
  async compose(
    filter: DigestFilter,
    from: number,
    opts: { title: string; since?: string; to?: number; maxEvents?: number },
  ): Promise<ComposedDigest> {
    const cursorTo = opts.to ?? (await this.store.latestChange());
    const changes = (await this.changes(from, cursorTo)).filter((c) => matches(c.event, filter));
    if (!changes.length) return { cursorTo, changes };
    const shown = opts.maxEvents !== undefined ? [...changes].sort((a, b) => b.event.id - a.event.id).slice(0, opts.maxEvents) : changes;
    const reply = digestReply(this.core, shown, changes, filter, opts.title, await this.core.currency.read(), opts.since);
    if (shown.length < changes.length)
      reply.blocks.push({ type: 'note', text: `…and ${changes.length - shown.length} more; the digest itself lists every one.` });
    return { cursorTo, changes, reply };
  }
}

export function matches(e: EventRecord, f: DigestFilter): boolean {
  const countryOk = !f.countries.length || e.countries.some((c) => f.countries.includes(c.id));
  const blocOk = !f.blocs.length || e.blocs.some((b) => f.blocs.includes(b.id));
  return countryOk && blocOk;
}

/** `shown` are the changes listed; `all` are counted in the opening line (a preview lists fewer). */
function digestReply(
  core: Core,
  shown: DigestChange[],
  all: DigestChange[],
  filter: DigestFilter,
  title: string,
  currency: DataCurrency,
  since?: string,
): Reply {
  const groups = new Map<string, { name: string; items: EventItem[] }>();
  for (const c of shown) {
    const g = groupOf(c.event, filter);
    const entry = groups.get(g.id) ?? { name: g.name, items: [] };
    entry.items.push({ ...toItem(c.event), mark: c.mark });
    groups.set(g.id, entry);
  }
  const counts = { new: 0, corrected: 0, deleted: 0 };
  for (const c of all) counts[c.mark]++;
  const summary = [
    counts.new && `${counts.new} new`,
    counts.corrected && `${counts.corrected} corrected`,
    counts.deleted && `${counts.deleted} removed`,
  ]
    .filter(Boolean)
    .join(', ');
  const blocks: Block[] = [{ type: 'text', text: `${summary}${since ? ` since ${since}` : ''}.` }];
  const sorted = [...groups.values()].sort((a, b) => (a.name === 'Other' ? 1 : b.name === 'Other' ? -1 : a.name.localeCompare(b.name)));
  for (const g of sorted) {
    g.items.sort((a, b) => b.id - a.id);
    blocks.push({ type: 'heading', text: g.name }, { type: 'events', events: g.items });
  }
  const names = (ids: readonly string[]) => ids.map((id) => core.entities.get(id)?.name ?? id).join(', ');
  const filters = [
    filter.countries.length && `countries: ${names(filter.countries)}`,
    filter.blocs.length && `blocs: ${names(filter.blocs)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    kind: 'reply',
    visibility: 'public',
    tone: 'info',
    title,
    blocks,
    footer: `blocwatch daily digest${filters ? ` · ${filters}` : ''} · ${dataTo(currency)} · /event show <id> for details`,
  };
}

/** The country or bloc an event is listed under: the first one the subscription asked for, else its first. */
function groupOf(e: EventRecord, f: DigestFilter): { id: string; name: string } {
  const byFilter = [...e.countries.filter((c) => f.countries.includes(c.id)), ...e.blocs.filter((b) => f.blocs.includes(b.id))][0];
  const g = byFilter ?? e.countries[0] ?? e.blocs[0];
  return g ? { id: g.id, name: g.name } : { id: '', name: 'Other' };
}

export const digestTitle = (localDate: string) => `Daily digest · ${formatDay(localDate)}`;
