// The digest of one subscription: every write recorded after its cursor (audit_log ids, an exact range)
// that touches an event matching its filters, grouped by country or bloc, with corrections and removals
// marked. A channel that also has alerts gets one "already alerted" line for each event it was alerted
// about (unless corrected or removed since), and in full the events the hourly cap held back from it,
// with a line saying so. The result is a neutral Reply; the platform renderer splits it into parts.
import { dataTo, type DataCurrency } from '../presentation/currency.ts';
import { toItem } from '../presentation/items.ts';
import type { Core } from '../core.ts';
import { formatDay } from '../domain/dates.ts';
import type { EventRecord } from '../domain/event-record.ts';
import { matchesFilter, type EventFilter } from '../domain/filters.ts';
import type { Block, EventItem, Reply, Text } from '../reply.ts';
import type { AlertedEvent } from '../store/alerts.ts';
import type { DigestPlatform, DigestStore } from '../store/digests.ts';

/** A subscription's filters; with its channel, the digest also knows what that channel was alerted about. */
export interface DigestFilter extends EventFilter {
  platform?: DigestPlatform;
  channelId?: string;
}

export interface DigestChange {
  event: EventRecord;
  /** alerted: the channel had an alert of it, as it still stands; listed in one line. */
  mark: NonNullable<EventItem['mark']> | 'alerted';
  /** The event was first published inside the window (so a removal nobody saw is no news). */
  added?: boolean;
  /** The hourly cap kept its alert from this channel. */
  held?: boolean;
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
      out.push({ event, mark: s.last === 'delete' ? 'deleted' : s.added ? 'new' : 'corrected', added: s.added });
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
    const window = await this.changes(from, cursorTo);
    const alerts =
      filter.platform && filter.channelId
        ? await this.core.alerts.ofChannel(
            filter.platform,
            filter.channelId,
            window.map((c) => c.event.id),
          )
        : new Map<number, AlertedEvent>();
    const changes = window.flatMap((c) => {
      const alert = alerts.get(c.event.id);
      // Held back from this channel's alerts, so the digest carries it even beyond its own filters.
      if (!matches(c.event, filter) && alert?.state !== 'held') return [];
      return withAlert(c, alert);
    });
    if (!changes.length) return { cursorTo, changes };
    const shown = opts.maxEvents !== undefined ? [...changes].sort((a, b) => b.event.id - a.event.id).slice(0, opts.maxEvents) : changes;
    const reply = digestReply(this.core, shown, changes, filter, opts.title, await this.core.currency.read(), opts.since);
    if (shown.length < changes.length)
      reply.blocks.push({ type: 'note', text: `…and ${changes.length - shown.length} more; the digest itself lists every one.` });
    return { cursorTo, changes, reply };
  }
}

/** A digest matches countries and blocs; kinds are an alert's filter only. */
export const matches = (e: EventRecord, f: DigestFilter): boolean => matchesFilter(e, { countries: f.countries, blocs: f.blocs });

/**
 * A change as this channel should read it. Alerted and unchanged since: one line. Alerted, then removed:
 * a removal even if it was added in the same window (the channel saw it). Added and removed unseen: nothing.
 */
function withAlert(c: DigestChange, alert: AlertedEvent | undefined): DigestChange[] {
  const alerted = alert?.state === 'sent';
  if (c.mark === 'deleted') return c.added && !alerted ? [] : [c];
  if (alert?.state === 'held') return [{ ...c, held: true }];
  if (alerted && c.mark === 'new' && alert.revision === c.event.revision) return [{ ...c, mark: 'alerted' }];
  // Corrected after its alert went out: the alert showed an older text, so the correction is news.
  if (alerted && c.mark === 'new') return [{ ...c, mark: 'corrected' }];
  return [c];
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
  const alerted: DigestChange[] = [];
  for (const c of shown) {
    if (c.mark === 'alerted') {
      alerted.push(c);
      continue;
    }
    const g = groupOf(c.event, filter);
    const entry = groups.get(g.id) ?? { name: g.name, items: [] };
    entry.items.push({ ...toItem(c.event), mark: c.mark });
    groups.set(g.id, entry);
  }
  const counts = { new: 0, corrected: 0, deleted: 0, alerted: 0 };
  for (const c of all) counts[c.mark]++;
  const summary = [
    counts.new && `${counts.new} new`,
    counts.corrected && `${counts.corrected} corrected`,
    counts.deleted && `${counts.deleted} removed`,
    counts.alerted && `${counts.alerted} already alerted`,
  ]
    .filter(Boolean)
    .join(', ');
  const blocks: Block[] = [{ type: 'text', text: `${summary}${since ? ` since ${since}` : ''}.` }];
  const held = all.filter((c) => c.held).length;
  if (held)
    blocks.push({
      type: 'note',
      text: `${held} ${held === 1 ? 'event was' : 'events were'} not alerted (hourly cap); ${held === 1 ? 'it is' : 'they are'} listed in full below.`,
    });
  const sorted = [...groups.values()].sort((a, b) => (a.name === 'Other' ? 1 : b.name === 'Other' ? -1 : a.name.localeCompare(b.name)));
  for (const g of sorted) {
    g.items.sort((a, b) => b.id - a.id);
    blocks.push({ type: 'heading', text: g.name }, { type: 'events', events: g.items });
  }
  if (alerted.length) {
    const line = (e: EventItem): Text => ['Already alerted: ', { bold: e.title }, ` · ${e.date} · #${e.id}`];
    if (sorted.length) blocks.push({ type: 'divider' });
    blocks.push({ type: 'list', items: alerted.sort((a, b) => b.event.id - a.event.id).map((c) => line(toItem(c.event))) });
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
