// Digest subscriptions and their delivery journal. Every change is one transaction; the cursor moves
// only in the transaction that records a digest's last part as sent.
import type { Sql } from './sql.ts';
import { ClaimStore } from './claims.ts';
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

const SUB_COLUMNS = `id, platform, space_id AS "spaceId", channel_id AS "channelId", local_time AS "localTime", timezone,
  countries, blocs, cursor, next_date AS "nextDate", next_due_at AS "nextDueAt", last_date AS "lastDate",
  last_delivered_at AS "lastDeliveredAt", last_event_count AS "lastEventCount", disabled_at AS "disabledAt",
  disabled_reason AS "disabledReason", created_by AS "createdBy", created_at AS "createdAt"`;
const PART_COLUMNS = `subscription_id AS "subscriptionId", digest_key AS "digestKey", part, parts, cursor_to AS "cursorTo",
  event_count AS "eventCount", body, nonce, state, message_id AS "messageId", attempts, last_error AS "lastError",
  retry_at AS "retryAt", sending_since AS "sendingSince"`;

type SubRow = Omit<Subscription, 'countries' | 'blocs'> & { countries: string; blocs: string };
const toSub = (r: SubRow | undefined): Subscription | undefined =>
  r && { ...r, countries: JSON.parse(r.countries), blocs: JSON.parse(r.blocs) };

const SUBSCRIPTIONS = `SELECT ${SUB_COLUMNS} FROM digest_subscriptions`;
const PARTS = `SELECT ${PART_COLUMNS} FROM digest_parts`;
const MARK_SENT = `UPDATE digest_parts SET state = 'sent', message_id = @messageId, last_error = NULL, retry_at = NULL, updated_at = @now
  WHERE subscription_id = @subscriptionId AND digest_key = @digestKey AND part = @part`;
const ABANDON_OPEN = `UPDATE digest_parts SET state = 'abandoned', updated_at = ? WHERE subscription_id = ? AND state IN ('pending', 'sending')`;
/** The cursor only moves forward; an unset schedule field keeps what is stored. */
const ADVANCE = `UPDATE digest_subscriptions SET cursor = CASE WHEN cursor > @cursor THEN cursor ELSE @cursor END,
    next_date = coalesce(@nextDate, next_date), next_due_at = coalesce(@nextDueAt, next_due_at),
    last_date = coalesce(@lastDate, last_date), last_delivered_at = coalesce(@deliveredAt, last_delivered_at),
    last_event_count = coalesce(@count, last_event_count), updated_at = @now
  WHERE id = @id`;

/**
 * Subscriptions a run serves (the rows a claim takes; src/store/claims.ts): in id order after the run's
 * cursor, those with parts left open or due by the run's instant (`due`), or every enabled one (`all`).
 */
const CLAIMABLE = {
  due: `platform = @platform AND disabled_at IS NULL AND id > @after AND (next_due_at <= @runAt
    OR EXISTS (SELECT 1 FROM digest_parts p WHERE p.subscription_id = digest_subscriptions.id AND p.state IN ('pending', 'sending')))`,
  all: 'platform = @platform AND disabled_at IS NULL AND id > @after',
};

export class DigestStore {
  /** Subscriptions claimed by the worker delivering them. */
  readonly claims: ClaimStore;

  constructor(private readonly sql: Sql) {
    this.claims = new ClaimStore(sql, 'digest_subscriptions');
  }

  /**
   * Claims up to `limit` subscriptions of a platform a run should serve, after the id `after` (a run
   * serves each once), for `owner` until `until`.
   */
  async claim(
    q: { owner: string; platform: DigestPlatform; mode: 'due' | 'all'; runAt: Date; after: number },
    now: Date,
    until: Date,
    limit: number,
  ): Promise<Subscription[]> {
    const rows = await this.claims.claim<SubRow>({
      owner: q.owner,
      now,
      until,
      limit,
      due: CLAIMABLE[q.mode],
      order: 'id',
      columns: SUB_COLUMNS,
      params: { platform: q.platform, after: q.after, runAt: q.runAt.toISOString() },
    });
    return rows.map((r) => toSub(r)!);
  }

  /** How many subscriptions of a platform a run would serve (for one whose platform this process cannot reach). */
  async countClaimable(platform: DigestPlatform, mode: 'due' | 'all', runAt: Date): Promise<number> {
    const r = await this.sql.get<{ n: number }>(`SELECT count(*) AS n FROM digest_subscriptions WHERE ${CLAIMABLE[mode]}`, {
      platform,
      after: 0,
      runAt: runAt.toISOString(),
    });
    return r?.n ?? 0;
  }

  /**
   * The processes delivering to a platform now: owners (`host:pid:…`, see src/digest/lease.ts) with a
   * live claim on a digest or alert subscription of it, counted by host and process.
   */
  async deliverers(platform: DigestPlatform, now: Date): Promise<string[]> {
    const rows = await this.sql.all<{ owner: string }>(
      `SELECT claimed_by AS owner FROM digest_subscriptions WHERE claimed_by IS NOT NULL AND claimed_until > @now AND platform = @platform
       UNION SELECT claimed_by AS owner FROM alert_subscriptions WHERE claimed_by IS NOT NULL AND claimed_until > @now AND platform = @platform`,
      { now: now.toISOString(), platform },
    );
    return [...new Set(rows.map((r) => r.owner.split(':').slice(0, 2).join(':')))].sort();
  }

  /** The newest write so far: a new subscription starts after it (no back catalogue). */
  async latestChange(): Promise<number> {
    return (await this.sql.get<{ n: number | null }>('SELECT max(id) AS n FROM audit_log'))?.n ?? 0;
  }

  /** Every write in the audit range (from, to] that touched an event, in the order written. */
  changesIn(from: number, to: number): Promise<{ eventId: number; action: string }[]> {
    return this.sql.all<{ eventId: number; action: string }>(
      'SELECT event_id AS "eventId", action FROM audit_log WHERE id > ? AND id <= ? AND event_id IS NOT NULL ORDER BY id',
      [from, to],
    );
  }

  /** The last write recorded before an instant: a cursor for "everything since then". */
  async changeBefore(at: Date): Promise<number> {
    return (
      (
        await this.sql.get<{ n: number }>('SELECT id AS n FROM audit_log WHERE at < ? ORDER BY at DESC, id DESC LIMIT 1', [
          at.toISOString(),
        ])
      )?.n ?? 0
    );
  }

  async get(id: number): Promise<Subscription | undefined> {
    return toSub(await this.sql.get<SubRow>(`${SUBSCRIPTIONS} WHERE id = ?`, [id]));
  }

  async byChannel(platform: DigestPlatform, channelId: string): Promise<Subscription | undefined> {
    return toSub(await this.sql.get<SubRow>(`${SUBSCRIPTIONS} WHERE platform = ? AND channel_id = ?`, [platform, channelId]));
  }

  async inSpace(platform: DigestPlatform, spaceId: string): Promise<Subscription[]> {
    const rows = await this.sql.all<SubRow>(`${SUBSCRIPTIONS} WHERE platform = ? AND space_id = ? ORDER BY channel_id`, [
      platform,
      spaceId,
    ]);
    return rows.map((r) => toSub(r)!);
  }

  /** Subscriptions whose next digest is due by `now`, oldest due first (index on next_due_at). */
  async due(now: Date, limit: number): Promise<Subscription[]> {
    const rows = await this.sql.all<SubRow>(
      `${SUBSCRIPTIONS} WHERE disabled_at IS NULL AND next_due_at <= ? ORDER BY next_due_at, id LIMIT ?`,
      [now.toISOString(), limit],
    );
    return rows.map((r) => toSub(r)!);
  }

  async enabledAfter(id: number, limit: number): Promise<Subscription[]> {
    const rows = await this.sql.all<SubRow>(`${SUBSCRIPTIONS} WHERE disabled_at IS NULL AND id > ? ORDER BY id LIMIT ?`, [id, limit]);
    return rows.map((r) => toSub(r)!);
  }

  async withOpenParts(): Promise<number[]> {
    const rows = await this.sql.all<{ id: number }>(
      `SELECT DISTINCT subscription_id AS id FROM digest_parts WHERE state IN ('pending', 'sending') ORDER BY subscription_id`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Creates a subscription starting from now, or updates the schedule and filters of the channel's
   * existing one. A subscription that was disabled restarts from now rather than posting its backlog.
   */
  subscribe(input: SubscribeInput, now: Date): Promise<{ subscription: Subscription; created: boolean }> {
    return this.sql.transaction(async () => {
      const next = nextDue(input.localTime, input.timezone, now);
      const existing = await this.byChannel(input.platform, input.channelId);
      const row = {
        platform: input.platform,
        spaceId: input.spaceId,
        channelId: input.channelId,
        localTime: input.localTime,
        timezone: input.timezone,
        countries: JSON.stringify(input.countries),
        blocs: JSON.stringify(input.blocs),
        nextDate: next.date,
        nextDueAt: next.at.toISOString(),
        createdBy: input.createdBy,
        now: now.toISOString(),
      };
      if (existing) {
        const cursor = existing.disabledAt ? await this.latestChange() : existing.cursor;
        await this.sql.run(
          `UPDATE digest_subscriptions SET local_time = @localTime, timezone = @timezone, countries = @countries, blocs = @blocs,
             next_date = @nextDate, next_due_at = @nextDueAt, cursor = @cursor, disabled_at = NULL, disabled_reason = NULL, updated_at = @now
           WHERE id = @id`,
          { ...row, id: existing.id, cursor },
        );
        if (existing.disabledAt) await this.sql.run(ABANDON_OPEN, [now.toISOString(), existing.id]);
        return { subscription: (await this.get(existing.id))!, created: false };
      }
      const inserted = await this.sql.get<{ id: number }>(
        `INSERT INTO digest_subscriptions (platform, space_id, channel_id, local_time, timezone, countries, blocs, cursor, next_date, next_due_at, created_by, created_at, updated_at)
         VALUES (@platform, @spaceId, @channelId, @localTime, @timezone, @countries, @blocs, @cursor, @nextDate, @nextDueAt, @createdBy, @now, @now)
         RETURNING id`,
        { ...row, cursor: await this.latestChange() },
      );
      return { subscription: (await this.get(inserted!.id))!, created: true };
    });
  }

  unsubscribe(platform: DigestPlatform, channelId: string): Promise<Subscription | undefined> {
    return this.sql.transaction(async () => {
      const existing = await this.byChannel(platform, channelId);
      if (existing) await this.sql.run('DELETE FROM digest_subscriptions WHERE id = ?', [existing.id]);
      return existing;
    });
  }

  openParts(subscriptionId: number): Promise<PartRow[]> {
    return this.sql.all<PartRow>(`${PARTS} WHERE subscription_id = ? AND state IN ('pending', 'sending') ORDER BY digest_key, part`, [
      subscriptionId,
    ]);
  }

  partsOf(subscriptionId: number, digestKey: string): Promise<PartRow[]> {
    return this.sql.all<PartRow>(`${PARTS} WHERE subscription_id = ? AND digest_key = ? ORDER BY part`, [subscriptionId, digestKey]);
  }

  /**
   * Journals every part of a composed digest before any is sent: one statement, so atomic by itself
   * and, on PostgreSQL, outside a SERIALIZABLE transaction that workers journaling neighbouring
   * subscriptions at the same moment would make each other retry.
   */
  async journal(
    parts: Omit<PartRow, 'state' | 'messageId' | 'attempts' | 'lastError' | 'retryAt' | 'sendingSince'>[],
    now: Date,
  ): Promise<void> {
    if (!parts.length) return;
    const at = now.toISOString();
    await this.sql.run(
      `INSERT INTO digest_parts (subscription_id, digest_key, part, parts, cursor_to, event_count, body, nonce, state, created_at, updated_at)
       VALUES ${parts.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)").join(', ')}`,
      parts.flatMap((p) => [p.subscriptionId, p.digestKey, p.part, p.parts, p.cursorTo, p.eventCount, p.body, p.nonce, at, at]),
    );
  }

  /** False when the part is no longer open: another process finished it while this one waited. */
  async markSending(p: PartRow, now: Date): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE digest_parts SET state = 'sending', attempts = attempts + 1, sending_since = coalesce(sending_since, @now), updated_at = @now
       WHERE subscription_id = @subscriptionId AND digest_key = @digestKey AND part = @part AND state IN ('pending', 'sending')`,
      { subscriptionId: p.subscriptionId, digestKey: p.digestKey, part: p.part, now: now.toISOString() },
    );
    return changed > 0;
  }

  async markFailed(p: PartRow, state: 'pending' | 'sending', error: string, retryAt: Date | undefined, now: Date): Promise<void> {
    await this.sql.run(
      `UPDATE digest_parts SET state = @state, last_error = @error, retry_at = @retryAt, updated_at = @now
       WHERE subscription_id = @subscriptionId AND digest_key = @digestKey AND part = @part`,
      {
        subscriptionId: p.subscriptionId,
        digestKey: p.digestKey,
        part: p.part,
        state,
        error: error.slice(0, 500),
        retryAt: retryAt?.toISOString() ?? null,
        now: now.toISOString(),
      },
    );
  }

  /**
   * Records a part as sent. For the digest's last part, the subscription's cursor moves to what the
   * digest covered, in the same transaction: a crash either leaves both undone or both done.
   */
  async markSent(
    p: PartRow,
    messageId: string,
    sub: Subscription,
    schedule: { nextDate: string; nextDueAt: string; lastDate: string | null } | undefined,
    now: Date,
  ): Promise<void> {
    const part = { subscriptionId: p.subscriptionId, digestKey: p.digestKey, part: p.part, messageId, now: now.toISOString() };
    // Parts go out strictly in order, so the last part being sent means the whole digest is.
    if (p.part !== p.parts) {
      await this.sql.run(MARK_SENT, part);
      return;
    }
    const advance = {
      id: sub.id,
      cursor: p.cursorTo,
      // Without a new schedule, keep the stored one: an admin may have changed it during the run.
      nextDate: schedule?.nextDate ?? null,
      nextDueAt: schedule?.nextDueAt ?? null,
      lastDate: schedule?.lastDate ?? null,
      deliveredAt: now.toISOString(),
      count: p.eventCount,
    };
    // PostgreSQL: one statement (a data-modifying CTE), atomic outside a SERIALIZABLE transaction that
    // many workers recording parts at once would make each other retry. SQLite: one transaction.
    if (this.sql.engine === 'postgres') {
      await this.sql.run(`WITH part AS (${MARK_SENT} RETURNING part) ${ADVANCE} AND EXISTS (SELECT 1 FROM part)`, { ...part, ...advance });
      return;
    }
    await this.sql.transaction(async () => {
      await this.sql.run(MARK_SENT, part);
      await this.sql.run(ADVANCE, { ...advance, now: part.now });
    });
  }

  /** A quiet day, or a digest with nothing left to send: move the cursor and the schedule together. */
  async advance(
    sub: Subscription,
    cursor: number,
    schedule: { nextDate: string; nextDueAt: string } | undefined,
    now: Date,
  ): Promise<void> {
    await this.sql.run(ADVANCE, {
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
  disable(sub: Subscription, reason: string, now: Date): Promise<void> {
    return this.sql.transaction(async () => {
      await this.sql.run('UPDATE digest_subscriptions SET disabled_at = ?, disabled_reason = ?, updated_at = ? WHERE id = ?', [
        now.toISOString(),
        reason.slice(0, 300),
        now.toISOString(),
        sub.id,
      ]);
      await this.sql.run(ABANDON_OPEN, [now.toISOString(), sub.id]);
    });
  }
}
