// Deciding a draft. Approving writes the event (or the further sources of an event) and marks the draft
// approved in one transaction; the status check inside it makes two editors pressing at once produce
// one event. Rejecting records who rejected which articles in the audit log.
import { LIMITS, validateEvent, type ValidEvent } from '../../domain/event-input.ts';
import { ConflictError, NotFoundError, type EventRecord } from '../../domain/event-record.ts';
import type { Core } from '../../core.ts';
import type { Draft, DraftStatus } from '../../store/draft-types.ts';

/** An approved or rejected draft, or one that vanished: the button pressed is out of date. */
export class DraftDecidedError extends ConflictError {
  override name = 'DraftDecidedError';
}

export class DraftDecisions {
  constructor(
    private readonly core: Core,
    private readonly get: (id: number) => Promise<Draft | undefined>,
  ) {}

  /** The event the draft proposes, checked exactly as the event form checks what an editor types. */
  proposedEvent(d: Draft, now: Date): ValidEvent {
    const names = [...d.countries, ...d.blocs].map((id) => this.core.entities.get(id)?.name ?? id);
    const r = validateEvent(
      {
        title: d.title,
        date: d.date.text,
        countries: names,
        summary: d.summary,
        sources: d.sources.slice(0, LIMITS.sourcesMax).map((s) => ({ url: s.url, publisher: s.publisher })),
        kind: d.kind,
      },
      this.core.entities,
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
  approve(id: number, actor: string, now: Date, edited?: ValidEvent, expectedRevision?: number): Promise<EventRecord> {
    return this.core.transaction(async () => {
      const d = await this.pendingOrThrow(id);
      const note = { draft: d.id };
      let event: EventRecord;
      if (d.eventId !== null) {
        const target = await this.core.events.get(d.eventId);
        if (!target)
          throw new ConflictError(
            `Event #${d.eventId}, which draft #${d.id} would add a source to, no longer exists. Reject the draft, or use Edit to publish it as a new event.`,
          );
        const input = edited ?? withSources(target, d);
        event = await this.core.events.edit(target.id, input, actor, now, expectedRevision ?? target.revision, { note });
      } else {
        event = await this.core.events.add(edited ?? this.proposedEvent(d, now), actor, now, { note });
      }
      await this.decide(d.id, 'approved', actor, now, event.id);
      return event;
    });
  }

  /** Publishes an edited draft as a new event even when it proposed a source for an existing one. */
  approveAsNew(id: number, actor: string, now: Date, edited: ValidEvent): Promise<EventRecord> {
    return this.core.transaction(async () => {
      const d = await this.pendingOrThrow(id);
      const event = await this.core.events.add(edited, actor, now, { note: { draft: d.id } });
      await this.decide(d.id, 'approved', actor, now, event.id);
      return event;
    });
  }

  reject(id: number, actor: string, now: Date): Promise<Draft> {
    return this.core.transaction(async () => {
      const d = await this.pendingOrThrow(id);
      await this.decide(id, 'rejected', actor, now, null);
      await this.core.drafts.auditRejection(
        actor,
        now,
        JSON.stringify({ draft: d.id, title: d.title, sources: d.sources.map((x) => x.url) }),
      );
      return (await this.get(id))!;
    });
  }

  private async pendingOrThrow(id: number): Promise<Draft> {
    const d = await this.get(id);
    if (!d) throw new NotFoundError(`No draft #${id}.`);
    if (d.status !== 'pending') throw new DraftDecidedError(decidedText(d));
    return d;
  }

  private async decide(
    id: number,
    status: Exclude<DraftStatus, 'pending'>,
    actor: string,
    now: Date,
    eventId: number | null,
  ): Promise<void> {
    // The guard that makes a double press harmless: only the first decision changes the row.
    if (!(await this.core.drafts.decide(id, status, actor, now, eventId))) throw new DraftDecidedError(decidedText((await this.get(id))!));
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
  // As many of the draft's reports as the event has room for, English and earliest first.
  const sources = [...target.sources, ...added.slice(0, Math.max(0, LIMITS.sourcesMax - target.sources.length))];
  if (added.length > 0 && target.sources.length >= LIMITS.sourcesMax) {
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
