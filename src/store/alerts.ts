// Alert subscriptions and their posts: every alert query lives here, each small and plain.
// Posts are queued by the event write itself (AlertOutbox, called inside that transaction) and claimed a
// channel at a time by the deliverer (src/store/claims.ts: `FOR UPDATE SKIP LOCKED` on PostgreSQL).
import { matchesFilter } from '../domain/filters.ts';
import type { EventRecord } from '../domain/event-record.ts';
import type { EventKind } from '../domain/types.ts';
import { bySql, type Sql } from './sql.ts';
import type { DigestPlatform } from './digests.ts';
import { ClaimStore } from './claims.ts';

export interface AlertSubscription {
  id: number;
  platform: DigestPlatform;
  spaceId: string;
  channelId: string;
  countries: string[];
  blocs: string[];
  kinds: EventKind[];
  lastPostedAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  createdBy: string;
  createdAt: string;
}

export type AlertPostState = 'queued' | 'pending' | 'sending' | 'sent' | 'held' | 'dropped' | 'abandoned';

export interface AlertPost {
  id: number;
  subscriptionId: number;
  eventId: number;
  state: AlertPostState;
  body: string | null;
  nonce: string | null;
  revision: number | null;
  messageId: string | null;
  attempts: number;
  lastError: string | null;
  retryAt: string | null;
  sendingSince: string | null;
  sentAt: string | null;
}

export type AlertSubscribeInput = Pick<
  AlertSubscription,
  'platform' | 'spaceId' | 'channelId' | 'countries' | 'blocs' | 'kinds' | 'createdBy'
>;

/** What a channel's digest needs to know of an event it lists: alerted (at which revision), or held by the cap. */
export interface AlertedEvent {
  state: 'sent' | 'held';
  revision: number | null;
}

const SUB_COLUMNS = `id, platform, space_id AS "spaceId", channel_id AS "channelId", countries, blocs, kinds,
  last_posted_at AS "lastPostedAt", disabled_at AS "disabledAt", disabled_reason AS "disabledReason",
  created_by AS "createdBy", created_at AS "createdAt"`;
const POST_COLUMNS = `id, subscription_id AS "subscriptionId", event_id AS "eventId", state, body, nonce, revision,
  message_id AS "messageId", attempts, last_error AS "lastError", retry_at AS "retryAt", sending_since AS "sendingSince", sent_at AS "sentAt"`;
const OPEN = `('queued', 'pending', 'sending')`;

type SubRow = Omit<AlertSubscription, 'countries' | 'blocs' | 'kinds'> & { countries: string; blocs: string; kinds: string };
const toSub = (r: SubRow): AlertSubscription => ({
  ...r,
  countries: JSON.parse(r.countries),
  blocs: JSON.parse(r.blocs),
  kinds: JSON.parse(r.kinds),
});

/**
 * Queues an alert post for every enabled subscription an event matches. Called by the event store inside
 * the transaction that publishes the event, so the post exists exactly when the event does.
 */
export class AlertOutbox {
  /** Parsed filter lists by their stored JSON: an import of many events parses each list once. */
  private readonly parsed = new Map<string, string[]>();

  constructor(private readonly sql: Sql) {}

  private list(json: string): string[] {
    let v = this.parsed.get(json);
    if (!v) {
      if (this.parsed.size > 1000) this.parsed.clear();
      v = JSON.parse(json) as string[];
      this.parsed.set(json, v);
    }
    return v;
  }

  /** Call inside the event's transaction. Returns how many posts were queued. */
  async queue(event: EventRecord, at: string): Promise<number> {
    let n = 0;
    const enabled = await this.sql.all<{ id: number; countries: string; blocs: string; kinds: string }>(
      'SELECT id, countries, blocs, kinds FROM alert_subscriptions WHERE disabled_at IS NULL ORDER BY id',
    );
    for (const s of enabled) {
      const filter = { countries: this.list(s.countries), blocs: this.list(s.blocs), kinds: this.list(s.kinds) as EventKind[] };
      if (!matchesFilter(event, filter)) continue;
      n += await this.sql.run(
        `INSERT INTO alert_posts (subscription_id, event_id, state, created_at, updated_at) VALUES (@subscriptionId, @eventId, 'queued', @at, @at)
         ON CONFLICT DO NOTHING`,
        { subscriptionId: s.id, eventId: event.id, at },
      );
    }
    return n;
  }
}

/** Channels of a platform with a post that may go now (the rows a claim takes; src/store/claims.ts). */
const DUE = `platform = @platform AND disabled_at IS NULL
  AND EXISTS (SELECT 1 FROM alert_posts p WHERE p.subscription_id = alert_subscriptions.id AND p.state IN ${OPEN}
              AND (p.retry_at IS NULL OR p.retry_at <= @now))`;

/** The events of a JSON list of ids, as each engine unpacks one. */
const EVENT_IN_LIST = {
  sqlite: 'p.event_id IN (SELECT value FROM json_each(?))',
  postgres: 'p.event_id IN (SELECT json_array_elements_text(?::json)::bigint)',
};

export class AlertStore {
  /** Channels claimed by the worker serving them. */
  readonly claims: ClaimStore;

  constructor(private readonly sql: Sql) {
    this.claims = new ClaimStore(sql, 'alert_subscriptions');
  }

  async get(id: number): Promise<AlertSubscription | undefined> {
    const r = await this.sql.get<SubRow>(`SELECT ${SUB_COLUMNS} FROM alert_subscriptions WHERE id = ?`, [id]);
    return r && toSub(r);
  }

  async byChannel(platform: DigestPlatform, channelId: string): Promise<AlertSubscription | undefined> {
    const r = await this.sql.get<SubRow>(`SELECT ${SUB_COLUMNS} FROM alert_subscriptions WHERE platform = ? AND channel_id = ?`, [
      platform,
      channelId,
    ]);
    return r && toSub(r);
  }

  async inSpace(platform: DigestPlatform, spaceId: string): Promise<AlertSubscription[]> {
    const rows = await this.sql.all<SubRow>(
      `SELECT ${SUB_COLUMNS} FROM alert_subscriptions WHERE platform = ? AND space_id = ? ORDER BY channel_id`,
      [platform, spaceId],
    );
    return rows.map(toSub);
  }

  async all(): Promise<AlertSubscription[]> {
    return (await this.sql.all<SubRow>(`SELECT ${SUB_COLUMNS} FROM alert_subscriptions ORDER BY platform, space_id, channel_id`)).map(
      toSub,
    );
  }

  /**
   * Creates the channel's subscription, or changes its filters. It alerts from now on: events published
   * before are never posted. A disabled one restarts, dropping what it had left unsent.
   */
  subscribe(input: AlertSubscribeInput, now: Date): Promise<{ subscription: AlertSubscription; created: boolean }> {
    return this.sql.transaction(async () => {
      const row = {
        ...input,
        countries: JSON.stringify(input.countries),
        blocs: JSON.stringify(input.blocs),
        kinds: JSON.stringify(input.kinds),
        now: now.toISOString(),
      };
      const existing = await this.byChannel(input.platform, input.channelId);
      if (existing) {
        await this.sql.run(
          `UPDATE alert_subscriptions SET countries = @countries, blocs = @blocs, kinds = @kinds, disabled_at = NULL, disabled_reason = NULL,
             updated_at = @now WHERE id = @id`,
          { countries: row.countries, blocs: row.blocs, kinds: row.kinds, now: row.now, id: existing.id },
        );
        if (existing.disabledAt) await this.abandonOpen(existing.id, row.now);
        return { subscription: (await this.get(existing.id))!, created: false };
      }
      const inserted = await this.sql.get<{ id: number }>(
        `INSERT INTO alert_subscriptions (platform, space_id, channel_id, countries, blocs, kinds, created_by, created_at, updated_at)
         VALUES (@platform, @spaceId, @channelId, @countries, @blocs, @kinds, @createdBy, @now, @now) RETURNING id`,
        row,
      );
      return { subscription: (await this.get(inserted!.id))!, created: true };
    });
  }

  unsubscribe(platform: DigestPlatform, channelId: string): Promise<AlertSubscription | undefined> {
    return this.sql.transaction(async () => {
      const existing = await this.byChannel(platform, channelId);
      if (existing) await this.sql.run('DELETE FROM alert_subscriptions WHERE id = ?', [existing.id]);
      return existing;
    });
  }

  /** One indexed probe: is any post waiting anywhere? Lets an idle tick cost next to nothing. */
  async hasOpenPosts(): Promise<boolean> {
    return (await this.sql.get(`SELECT 1 AS one FROM alert_posts WHERE state IN ${OPEN} LIMIT 1`)) !== undefined;
  }

  /** Claims up to `limit` channels of a platform with a post that may go now, for `owner` until `until`. */
  async claim(owner: string, platform: DigestPlatform, now: Date, until: Date, limit: number): Promise<AlertSubscription[]> {
    const rows = await this.claims.claim<SubRow>({
      owner,
      now,
      until,
      limit,
      due: DUE,
      order: 'id',
      columns: SUB_COLUMNS,
      params: { platform, now: now.toISOString() },
    });
    return rows.map(toSub).sort((a, b) => a.id - b.id);
  }

  openPosts(subscriptionId: number): Promise<AlertPost[]> {
    return this.sql.all<AlertPost>(`SELECT ${POST_COLUMNS} FROM alert_posts WHERE subscription_id = ? AND state IN ${OPEN} ORDER BY id`, [
      subscriptionId,
    ]);
  }

  /** Posts not yet sent, by subscription. */
  async waiting(): Promise<Map<number, number>> {
    const rows = await this.sql.all<{ id: number; n: number }>(
      `SELECT subscription_id AS id, count(*) AS n FROM alert_posts WHERE state IN ${OPEN} GROUP BY subscription_id ORDER BY subscription_id`,
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  post(id: number): Promise<AlertPost | undefined> {
    return this.sql.get<AlertPost>(`SELECT ${POST_COLUMNS} FROM alert_posts WHERE id = ?`, [id]);
  }

  /** Alerts sent to a channel after `since`, and when the first of them went. */
  async sentSince(subscriptionId: number, since: Date): Promise<{ count: number; oldest: string | null }> {
    const r = (await this.sql.get<{ n: number; oldest: string | null }>(
      `SELECT count(*) AS n, min(sent_at) AS oldest FROM alert_posts WHERE subscription_id = ? AND state = 'sent' AND sent_at > ?`,
      [subscriptionId, since.toISOString()],
    ))!;
    return { count: r.n, oldest: r.oldest };
  }

  /** Journals the body a queued post will be sent as. False when it is no longer queued. */
  async draw(post: AlertPost, body: string, nonce: string, revision: number, now: Date): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE alert_posts SET state = 'pending', body = @body, nonce = @nonce, revision = @revision, updated_at = @now
       WHERE id = @id AND state = 'queued'`,
      { id: post.id, body, nonce, revision, now: now.toISOString() },
    );
    return changed > 0;
  }

  /** The event went before its alert did: the post will never be sent. */
  async drop(post: AlertPost, reason: string, now: Date): Promise<void> {
    await this.sql.run(
      `UPDATE alert_posts SET state = @state, last_error = @reason, updated_at = @now WHERE id = @id AND state IN ('queued', 'pending')`,
      { id: post.id, state: 'dropped', reason, now: now.toISOString() },
    );
  }

  /** The channel is at its hourly cap and has a digest: what waits goes there instead. */
  holdOpen(subscriptionId: number, now: Date): Promise<number> {
    return this.sql.run(
      `UPDATE alert_posts SET state = 'held', updated_at = ? WHERE subscription_id = ? AND state IN ('queued', 'pending')`,
      [now.toISOString(), subscriptionId],
    );
  }

  /** The channel is at its hourly cap and has no digest: what waits goes when the hour allows. */
  async deferOpen(subscriptionId: number, until: Date, now: Date): Promise<void> {
    await this.sql.run(`UPDATE alert_posts SET retry_at = ?, updated_at = ? WHERE subscription_id = ? AND state IN ('queued', 'pending')`, [
      until.toISOString(),
      now.toISOString(),
      subscriptionId,
    ]);
  }

  /** False when the post is no longer open: another worker finished it. */
  async markSending(post: AlertPost, now: Date): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE alert_posts SET state = 'sending', attempts = attempts + 1, sending_since = coalesce(sending_since, @now), updated_at = @now
       WHERE id = @id AND state IN ('pending', 'sending')`,
      { id: post.id, now: now.toISOString() },
    );
    return changed > 0;
  }

  markSent(post: AlertPost, messageId: string, now: Date): Promise<void> {
    return this.sql.transaction(async () => {
      await this.sql.run(
        `UPDATE alert_posts SET state = 'sent', message_id = @messageId, last_error = NULL, retry_at = NULL, sent_at = @now, updated_at = @now
         WHERE id = @id`,
        { id: post.id, messageId, now: now.toISOString() },
      );
      await this.sql.run('UPDATE alert_subscriptions SET last_posted_at = @now WHERE id = @subscriptionId', {
        subscriptionId: post.subscriptionId,
        now: now.toISOString(),
      });
    });
  }

  async markFailed(post: AlertPost, state: 'pending' | 'sending', error: string, retryAt: Date | undefined, now: Date): Promise<void> {
    await this.sql.run(
      'UPDATE alert_posts SET state = @state, last_error = @error, retry_at = @retryAt, updated_at = @now WHERE id = @id',
      {
        id: post.id,
        state,
        error: error.slice(0, 500),
        retryAt: retryAt?.toISOString() ?? null,
        now: now.toISOString(),
      },
    );
  }

  /** A permanent failure: the subscription stops, with the reason /alert list shows. */
  disable(subscriptionId: number, reason: string, now: Date): Promise<void> {
    return this.sql.transaction(async () => {
      await this.sql.run('UPDATE alert_subscriptions SET disabled_at = ?, disabled_reason = ?, updated_at = ? WHERE id = ?', [
        now.toISOString(),
        reason.slice(0, 300),
        now.toISOString(),
        subscriptionId,
      ]);
      await this.abandonOpen(subscriptionId, now.toISOString());
    });
  }

  /** Of these events, the ones this channel was alerted about (and at which revision) or held back by the cap. */
  async ofChannel(platform: DigestPlatform, channelId: string, eventIds: readonly number[]): Promise<Map<number, AlertedEvent>> {
    const out = new Map<number, AlertedEvent>();
    if (!eventIds.length) return out;
    const rows = await this.sql.all<{ eventId: number; state: 'sent' | 'held'; revision: number | null }>(
      `SELECT p.event_id AS "eventId", p.state, p.revision FROM alert_subscriptions s JOIN alert_posts p ON p.subscription_id = s.id
       WHERE s.platform = ? AND s.channel_id = ? AND p.state IN ('sent', 'held') AND ${bySql(this.sql, EVENT_IN_LIST)}`,
      [platform, channelId, JSON.stringify(eventIds)],
    );
    for (const r of rows) out.set(r.eventId, { state: r.state, revision: r.revision });
    return out;
  }

  private async abandonOpen(subscriptionId: number, now: string): Promise<void> {
    await this.sql.run(`UPDATE alert_posts SET state = 'abandoned', updated_at = ? WHERE subscription_id = ? AND state IN ${OPEN}`, [
      now,
      subscriptionId,
    ]);
  }
}
