// Digest subscriptions and their delivery journal in SQLite. Every change is one transaction; the
// cursor moves only in the transaction that records a digest's last part as sent.
import { inTransaction, type Db } from './db.ts';
import { nextDue } from '../domain/time.ts';

export type DigestPlatform = 'discord' | 'slack';

export interface Subscription {
  id: number;
  platform: DigestPlatform;
  spaceId: string;
  channelId: string;
  localTime: string;
  timezone: string;
  countries: string[];
  blocs: string[];
  cursor: number;
  nextDate: string;
  nextDueAt: string;
  lastDate: string | null;
  lastDeliveredAt: string | null;
  lastEventCount: number | null;
  disabledAt: string | null;
  disabledReason: string | null;
  createdBy: string;
  createdAt: string;
}

export interface PartRow {
  subscriptionId: number;
  digestKey: string;
  part: number;
  parts: number;
  cursorTo: number;
  eventCount: number;
  body: string;
  nonce: string;
  state: 'pending' | 'sending' | 'sent' | 'abandoned';
  messageId: string | null;
  attempts: number;
  lastError: string | null;
  retryAt: string | null;
  sendingSince: string | null;
}

/** What an admin chooses; the rest (cursor, schedule, history) the store keeps. */
export type SubscribeInput = Pick<
  Subscription,
  'platform' | 'spaceId' | 'channelId' | 'localTime' | 'timezone' | 'countries' | 'blocs' | 'createdBy'
>;

const SUB_COLUMNS = `id, platform, space_id AS spaceId, channel_id AS channelId, local_time AS localTime, timezone,
  countries, blocs, cursor, next_date AS nextDate, next_due_at AS nextDueAt, last_date AS lastDate,
  last_delivered_at AS lastDeliveredAt, last_event_count AS lastEventCount, disabled_at AS disabledAt,
  disabled_reason AS disabledReason, created_by AS createdBy, created_at AS createdAt`;
const PART_COLUMNS = `subscription_id AS subscriptionId, digest_key AS digestKey, part, parts, cursor_to AS cursorTo,
  event_count AS eventCount, body, nonce, state, message_id AS messageId, attempts, last_error AS lastError,
  retry_at AS retryAt, sending_since AS sendingSince`;

type SubRow = Omit<Subscription, 'countries' | 'blocs'> & { countries: string; blocs: string };
const toSub = (r: SubRow | undefined): Subscription | undefined =>
  r && { ...r, countries: JSON.parse(r.countries), blocs: JSON.parse(r.blocs) };

export class DigestStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      byChannel: db.prepare<[string, string], SubRow>(
        `SELECT ${SUB_COLUMNS} FROM digest_subscriptions WHERE platform = ? AND channel_id = ?`,
      ),
      byId: db.prepare<[number], SubRow>(`SELECT ${SUB_COLUMNS} FROM digest_subscriptions WHERE id = ?`),
      inSpace: db.prepare<[string, string], SubRow>(
        `SELECT ${SUB_COLUMNS} FROM digest_subscriptions WHERE platform = ? AND space_id = ? ORDER BY channel_id`,
      ),
      due: db.prepare<[string, number], SubRow>(
        `SELECT ${SUB_COLUMNS} FROM digest_subscriptions WHERE disabled_at IS NULL AND next_due_at <= ? ORDER BY next_due_at, id LIMIT ?`,
      ),
      enabledAfter: db.prepare<[number, number], SubRow>(
        `SELECT ${SUB_COLUMNS} FROM digest_subscriptions WHERE disabled_at IS NULL AND id > ? ORDER BY id LIMIT ?`,
      ),
      withOpenParts: db.prepare<[], { id: number }>(
        `SELECT DISTINCT subscription_id AS id FROM digest_parts WHERE state IN ('pending', 'sending')`,
      ),
      maxAudit: db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM audit_log'),
      insert: db.prepare(
        `INSERT INTO digest_subscriptions (platform, space_id, channel_id, local_time, timezone, countries, blocs, cursor, next_date, next_due_at, created_by, created_at, updated_at)
         VALUES (@platform, @spaceId, @channelId, @localTime, @timezone, @countries, @blocs, @cursor, @nextDate, @nextDueAt, @createdBy, @now, @now)`,
      ),
      update: db.prepare(
        `UPDATE digest_subscriptions SET local_time = @localTime, timezone = @timezone, countries = @countries, blocs = @blocs,
           next_date = @nextDate, next_due_at = @nextDueAt, cursor = @cursor, disabled_at = NULL, disabled_reason = NULL, updated_at = @now
         WHERE id = @id`,
      ),
      remove: db.prepare<[number]>('DELETE FROM digest_subscriptions WHERE id = ?'),
      openParts: db.prepare<[number], PartRow>(
        `SELECT ${PART_COLUMNS} FROM digest_parts WHERE subscription_id = ? AND state IN ('pending', 'sending') ORDER BY digest_key, part`,
      ),
      partsOf: db.prepare<[number, string], PartRow>(
        `SELECT ${PART_COLUMNS} FROM digest_parts WHERE subscription_id = ? AND digest_key = ? ORDER BY part`,
      ),
      insertPart: db.prepare(
        `INSERT INTO digest_parts (subscription_id, digest_key, part, parts, cursor_to, event_count, body, nonce, state, created_at, updated_at)
         VALUES (@subscriptionId, @digestKey, @part, @parts, @cursorTo, @eventCount, @body, @nonce, 'pending', @now, @now)`,
      ),
      markSending: db.prepare(
        `UPDATE digest_parts SET state = 'sending', attempts = attempts + 1, sending_since = coalesce(sending_since, @now), updated_at = @now
         WHERE subscription_id = @subscriptionId AND digest_key = @digestKey AND part = @part AND state IN ('pending', 'sending')`,
      ),
      markSent: db.prepare(
        `UPDATE digest_parts SET state = 'sent', message_id = @messageId, last_error = NULL, retry_at = NULL, updated_at = @now
         WHERE subscription_id = @subscriptionId AND digest_key = @digestKey AND part = @part`,
      ),
      markFailed: db.prepare(
        `UPDATE digest_parts SET state = @state, last_error = @error, retry_at = @retryAt, updated_at = @now
         WHERE subscription_id = @subscriptionId AND digest_key = @digestKey AND part = @part`,
      ),
      abandonOpen: db.prepare(
        `UPDATE digest_parts SET state = 'abandoned', updated_at = ? WHERE subscription_id = ? AND state IN ('pending', 'sending')`,
      ),
      advance: db.prepare(
        `UPDATE digest_subscriptions SET cursor = max(cursor, @cursor), next_date = coalesce(@nextDate, next_date), next_due_at = coalesce(@nextDueAt, next_due_at),
           last_date = coalesce(@lastDate, last_date), last_delivered_at = coalesce(@deliveredAt, last_delivered_at),
           last_event_count = coalesce(@count, last_event_count), updated_at = @now
         WHERE id = @id`,
      ),
      disable: db.prepare(`UPDATE digest_subscriptions SET disabled_at = ?, disabled_reason = ?, updated_at = ? WHERE id = ?`),
    };
  }

  /** The newest write so far: a new subscription starts after it (no back catalogue). */
  latestChange(): number {
    return this.s.maxAudit.get()?.n ?? 0;
  }

  get(id: number): Subscription | undefined {
    return toSub(this.s.byId.get(id));
  }

  byChannel(platform: DigestPlatform, channelId: string): Subscription | undefined {
    return toSub(this.s.byChannel.get(platform, channelId));
  }

  inSpace(platform: DigestPlatform, spaceId: string): Subscription[] {
    return this.s.inSpace.all(platform, spaceId).map((r) => toSub(r)!);
  }

  /** Subscriptions whose next digest is due by `now`, oldest due first (index on next_due_at). */
  due(now: Date, limit: number): Subscription[] {
    return this.s.due.all(now.toISOString(), limit).map((r) => toSub(r)!);
  }

  enabledAfter(id: number, limit: number): Subscription[] {
    return this.s.enabledAfter.all(id, limit).map((r) => toSub(r)!);
  }

  withOpenParts(): number[] {
    return this.s.withOpenParts.all().map((r) => r.id);
  }

  /**
   * Creates a subscription starting from now, or updates the schedule and filters of the channel's
   * existing one. A subscription that was disabled restarts from now rather than posting its backlog.
   */
  subscribe(input: SubscribeInput, now: Date): { subscription: Subscription; created: boolean } {
    return inTransaction(this.db, () => {
      const next = nextDue(input.localTime, input.timezone, now);
      const existing = this.byChannel(input.platform, input.channelId);
      const row = {
        ...input,
        countries: JSON.stringify(input.countries),
        blocs: JSON.stringify(input.blocs),
        nextDate: next.date,
        nextDueAt: next.at.toISOString(),
        now: now.toISOString(),
      };
      if (existing) {
        const cursor = existing.disabledAt ? this.latestChange() : existing.cursor;
        this.s.update.run({ ...row, id: existing.id, cursor });
        if (existing.disabledAt) this.s.abandonOpen.run(now.toISOString(), existing.id);
        return { subscription: this.get(existing.id)!, created: false };
      }
      const id = Number(this.s.insert.run({ ...row, cursor: this.latestChange() }).lastInsertRowid);
      return { subscription: this.get(id)!, created: true };
    });
  }

  unsubscribe(platform: DigestPlatform, channelId: string): Subscription | undefined {
    return inTransaction(this.db, () => {
      const existing = this.byChannel(platform, channelId);
      if (existing) this.s.remove.run(existing.id);
      return existing;
    });
  }

  openParts(subscriptionId: number): PartRow[] {
    return this.s.openParts.all(subscriptionId);
  }

  partsOf(subscriptionId: number, digestKey: string): PartRow[] {
    return this.s.partsOf.all(subscriptionId, digestKey);
  }

  /** Journals every part of a composed digest before any is sent. */
  journal(parts: Omit<PartRow, 'state' | 'messageId' | 'attempts' | 'lastError' | 'retryAt' | 'sendingSince'>[], now: Date): void {
    inTransaction(this.db, () => {
      for (const p of parts) this.s.insertPart.run({ ...p, now: now.toISOString() });
    });
  }

  /** False when the part is no longer open: another process finished it while this one waited. */
  markSending(p: PartRow, now: Date): boolean {
    return (
      this.s.markSending.run({ subscriptionId: p.subscriptionId, digestKey: p.digestKey, part: p.part, now: now.toISOString() }).changes > 0
    );
  }

  markFailed(p: PartRow, state: 'pending' | 'sending', error: string, retryAt: Date | undefined, now: Date): void {
    this.s.markFailed.run({
      subscriptionId: p.subscriptionId,
      digestKey: p.digestKey,
      part: p.part,
      state,
      error: error.slice(0, 500),
      retryAt: retryAt?.toISOString() ?? null,
      now: now.toISOString(),
    });
  }

  /**
   * Records a part as sent. For the digest's last part, the subscription's cursor moves to what the
   * digest covered, in the same transaction: a crash either leaves both undone or both done.
   */
  markSent(
    p: PartRow,
    messageId: string,
    sub: Subscription,
    schedule: { nextDate: string; nextDueAt: string; lastDate: string | null } | undefined,
    now: Date,
  ): void {
    inTransaction(this.db, () => {
      this.s.markSent.run({ subscriptionId: p.subscriptionId, digestKey: p.digestKey, part: p.part, messageId, now: now.toISOString() });
      // Parts go out strictly in order, so the last part being sent means the whole digest is.
      if (p.part === p.parts) {
        this.s.advance.run({
          id: sub.id,
          cursor: p.cursorTo,
          // Without a new schedule, keep the stored one: an admin may have changed it during the run.
          nextDate: schedule?.nextDate ?? null,
          nextDueAt: schedule?.nextDueAt ?? null,
          lastDate: schedule?.lastDate ?? null,
          deliveredAt: now.toISOString(),
          count: p.eventCount,
          now: now.toISOString(),
        });
      }
    });
  }

  /** A quiet day, or a digest with nothing left to send: move the cursor and the schedule together. */
  advance(sub: Subscription, cursor: number, schedule: { nextDate: string; nextDueAt: string } | undefined, now: Date): void {
    this.s.advance.run({
      id: sub.id,
      cursor,
      nextDate: schedule?.nextDate ?? null,
      nextDueAt: schedule?.nextDueAt ?? null,
      lastDate: null,
      deliveredAt: null,
      count: null,
      now: now.toISOString(),
    });
  }

  /** A permanent failure: the subscription stops, with the reason admins see in /digest list. */
  disable(sub: Subscription, reason: string, now: Date): void {
    inTransaction(this.db, () => {
      this.s.disable.run(now.toISOString(), reason.slice(0, 300), now.toISOString(), sub.id);
      this.s.abandonOpen.run(now.toISOString(), sub.id);
    });
  }
}
