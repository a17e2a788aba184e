// Alert subscriptions and their posts in SQLite: every alert query lives here, each small and plain.
// Posts are queued by the event write itself (AlertOutbox, called inside that transaction) and claimed a
// channel at a time by the deliverer: rows with an owner and an expiry, the shape that becomes
// `FOR UPDATE SKIP LOCKED` on PostgreSQL.
import { matchesFilter } from '../domain/filters.ts';
import type { EventRecord } from '../domain/event-record.ts';
import type { EventKind } from '../domain/types.ts';
import { inTransaction, type Db } from './db.ts';
import type { DigestPlatform } from './digests.ts';

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

const SUB_COLUMNS = `id, platform, space_id AS spaceId, channel_id AS channelId, countries, blocs, kinds,
  last_posted_at AS lastPostedAt, disabled_at AS disabledAt, disabled_reason AS disabledReason,
  created_by AS createdBy, created_at AS createdAt`;
const POST_COLUMNS = `id, subscription_id AS subscriptionId, event_id AS eventId, state, body, nonce, revision,
  message_id AS messageId, attempts, last_error AS lastError, retry_at AS retryAt, sending_since AS sendingSince, sent_at AS sentAt`;
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
  private readonly enabled;
  private readonly insert;
  /** Parsed filter lists by their stored JSON: an import of many events parses each list once. */
  private readonly parsed = new Map<string, string[]>();

  constructor(db: Db) {
    this.enabled = db.prepare<[], { id: number; countries: string; blocs: string; kinds: string }>(
      'SELECT id, countries, blocs, kinds FROM alert_subscriptions WHERE disabled_at IS NULL ORDER BY id',
    );
    this.insert = db.prepare<{ subscriptionId: number; eventId: number; at: string }>(
      `INSERT OR IGNORE INTO alert_posts (subscription_id, event_id, state, created_at, updated_at) VALUES (@subscriptionId, @eventId, 'queued', @at, @at)`,
    );
  }

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
  queue(event: EventRecord, at: string): number {
    let n = 0;
    for (const s of this.enabled.all()) {
      const filter = { countries: this.list(s.countries), blocs: this.list(s.blocs), kinds: this.list(s.kinds) as EventKind[] };
      if (matchesFilter(event, filter)) n += this.insert.run({ subscriptionId: s.id, eventId: event.id, at }).changes;
    }
    return n;
  }
}

export class AlertStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      byId: db.prepare<[number], SubRow>(`SELECT ${SUB_COLUMNS} FROM alert_subscriptions WHERE id = ?`),
      byChannel: db.prepare<[string, string], SubRow>(
        `SELECT ${SUB_COLUMNS} FROM alert_subscriptions WHERE platform = ? AND channel_id = ?`,
      ),
      inSpace: db.prepare<[string, string], SubRow>(
        `SELECT ${SUB_COLUMNS} FROM alert_subscriptions WHERE platform = ? AND space_id = ? ORDER BY channel_id`,
      ),
      all: db.prepare<[], SubRow>(`SELECT ${SUB_COLUMNS} FROM alert_subscriptions ORDER BY platform, space_id, channel_id`),
      insert: db.prepare(
        `INSERT INTO alert_subscriptions (platform, space_id, channel_id, countries, blocs, kinds, created_by, created_at, updated_at)
         VALUES (@platform, @spaceId, @channelId, @countries, @blocs, @kinds, @createdBy, @now, @now)`,
      ),
      update: db.prepare(
        `UPDATE alert_subscriptions SET countries = @countries, blocs = @blocs, kinds = @kinds, disabled_at = NULL, disabled_reason = NULL,
           updated_at = @now WHERE id = @id`,
      ),
      remove: db.prepare<[number]>('DELETE FROM alert_subscriptions WHERE id = ?'),
      disable: db.prepare(`UPDATE alert_subscriptions SET disabled_at = ?, disabled_reason = ?, updated_at = ? WHERE id = ?`),
      abandonOpen: db.prepare(`UPDATE alert_posts SET state = 'abandoned', updated_at = ? WHERE subscription_id = ? AND state IN ${OPEN}`),
      anyOpen: db.prepare<[], { one: number }>(`SELECT 1 AS one FROM alert_posts WHERE state IN ${OPEN} LIMIT 1`),
      // A channel is due when one of its open posts may go now and no live claim holds it.
      claim: db.prepare<{ owner: string; until: string; now: string; platform: string; limit: number }, SubRow>(
        `UPDATE alert_subscriptions SET claimed_by = @owner, claimed_until = @until
         WHERE id IN (
           SELECT s.id FROM alert_subscriptions s
           WHERE s.platform = @platform AND s.disabled_at IS NULL AND (s.claimed_until IS NULL OR s.claimed_until <= @now)
             AND EXISTS (SELECT 1 FROM alert_posts p WHERE p.subscription_id = s.id AND p.state IN ${OPEN}
                         AND (p.retry_at IS NULL OR p.retry_at <= @now))
           ORDER BY s.id LIMIT @limit)
         RETURNING ${SUB_COLUMNS}`,
      ),
      renew: db.prepare<[string, number, string]>('UPDATE alert_subscriptions SET claimed_until = ? WHERE id = ? AND claimed_by = ?'),
      release: db.prepare<[number, string]>(
        'UPDATE alert_subscriptions SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?',
      ),
      claimants: db.prepare<[string], { owner: string }>(
        'SELECT DISTINCT claimed_by AS owner FROM alert_subscriptions WHERE claimed_by IS NOT NULL AND claimed_until > ?',
      ),
      expireClaims: db.prepare<[string]>('UPDATE alert_subscriptions SET claimed_until = NULL WHERE claimed_by = ?'),
      waiting: db.prepare<[], { id: number; n: number }>(
        `SELECT subscription_id AS id, count(*) AS n FROM alert_posts WHERE state IN ${OPEN} GROUP BY subscription_id`,
      ),
      openPosts: db.prepare<[number], AlertPost>(
        `SELECT ${POST_COLUMNS} FROM alert_posts WHERE subscription_id = ? AND state IN ${OPEN} ORDER BY id`,
      ),
      post: db.prepare<[number], AlertPost>(`SELECT ${POST_COLUMNS} FROM alert_posts WHERE id = ?`),
      sentSince: db.prepare<[number, string], { n: number; oldest: string | null }>(
        `SELECT count(*) AS n, min(sent_at) AS oldest FROM alert_posts WHERE subscription_id = ? AND state = 'sent' AND sent_at > ?`,
      ),
      draw: db.prepare(
        `UPDATE alert_posts SET state = 'pending', body = @body, nonce = @nonce, revision = @revision, updated_at = @now
         WHERE id = @id AND state = 'queued'`,
      ),
      settle: db.prepare(
        `UPDATE alert_posts SET state = @state, last_error = @reason, updated_at = @now WHERE id = @id AND state IN ('queued', 'pending')`,
      ),
      holdOpen: db.prepare(
        `UPDATE alert_posts SET state = 'held', updated_at = ? WHERE subscription_id = ? AND state IN ('queued', 'pending')`,
      ),
      deferOpen: db.prepare(
        `UPDATE alert_posts SET retry_at = ?, updated_at = ? WHERE subscription_id = ? AND state IN ('queued', 'pending')`,
      ),
      markSending: db.prepare(
        `UPDATE alert_posts SET state = 'sending', attempts = attempts + 1, sending_since = coalesce(sending_since, @now), updated_at = @now
         WHERE id = @id AND state IN ('pending', 'sending')`,
      ),
      markSent: db.prepare(
        `UPDATE alert_posts SET state = 'sent', message_id = @messageId, last_error = NULL, retry_at = NULL, sent_at = @now, updated_at = @now
         WHERE id = @id`,
      ),
      posted: db.prepare('UPDATE alert_subscriptions SET last_posted_at = @now WHERE id = @subscriptionId'),
      markFailed: db.prepare(
        'UPDATE alert_posts SET state = @state, last_error = @error, retry_at = @retryAt, updated_at = @now WHERE id = @id',
      ),
      // What one channel was alerted about, or held back from, among the events a digest lists.
      ofChannel: db.prepare<[string, string, string], { eventId: number; state: 'sent' | 'held'; revision: number | null }>(
        `SELECT p.event_id AS eventId, p.state, p.revision FROM alert_subscriptions s JOIN alert_posts p ON p.subscription_id = s.id
         WHERE s.platform = ? AND s.channel_id = ? AND p.state IN ('sent', 'held') AND p.event_id IN (SELECT value FROM json_each(?))`,
      ),
    };
  }

  get(id: number): AlertSubscription | undefined {
    const r = this.s.byId.get(id);
    return r && toSub(r);
  }

  byChannel(platform: DigestPlatform, channelId: string): AlertSubscription | undefined {
    const r = this.s.byChannel.get(platform, channelId);
    return r && toSub(r);
  }

  inSpace(platform: DigestPlatform, spaceId: string): AlertSubscription[] {
    return this.s.inSpace.all(platform, spaceId).map(toSub);
  }

  all(): AlertSubscription[] {
    return this.s.all.all().map(toSub);
  }

  /**
   * Creates the channel's subscription, or changes its filters. It alerts from now on: events published
   * before are never posted. A disabled one restarts, dropping what it had left unsent.
   */
  subscribe(input: AlertSubscribeInput, now: Date): { subscription: AlertSubscription; created: boolean } {
    return inTransaction(this.db, () => {
      const row = {
        ...input,
        countries: JSON.stringify(input.countries),
        blocs: JSON.stringify(input.blocs),
        kinds: JSON.stringify(input.kinds),
        now: now.toISOString(),
      };
      const existing = this.byChannel(input.platform, input.channelId);
      if (existing) {
        this.s.update.run({ ...row, id: existing.id });
        if (existing.disabledAt) this.s.abandonOpen.run(row.now, existing.id);
        return { subscription: this.get(existing.id)!, created: false };
      }
      const id = Number(this.s.insert.run(row).lastInsertRowid);
      return { subscription: this.get(id)!, created: true };
    });
  }

  unsubscribe(platform: DigestPlatform, channelId: string): AlertSubscription | undefined {
    return inTransaction(this.db, () => {
      const existing = this.byChannel(platform, channelId);
      if (existing) this.s.remove.run(existing.id);
      return existing;
    });
  }

  /** One indexed probe: is any post waiting anywhere? Lets an idle tick cost next to nothing. */
  hasOpenPosts(): boolean {
    return this.s.anyOpen.get() !== undefined;
  }

  /** Claims up to `limit` channels of a platform with a post that may go now, for `owner` until `until`. */
  claim(owner: string, platform: DigestPlatform, now: Date, until: Date, limit: number): AlertSubscription[] {
    const params = { owner, until: until.toISOString(), now: now.toISOString(), platform, limit };
    return inTransaction(this.db, () => this.s.claim.all(params))
      .map(toSub)
      .sort((a, b) => a.id - b.id);
  }

  /** Extends a claim; false when it is no longer this owner's (it lapsed and another worker took it). */
  renewClaim(subscriptionId: number, owner: string, until: Date): boolean {
    return this.s.renew.run(until.toISOString(), subscriptionId, owner).changes > 0;
  }

  releaseClaim(subscriptionId: number, owner: string): void {
    this.s.release.run(subscriptionId, owner);
  }

  /** Owners holding a live claim now. */
  claimants(now: Date): string[] {
    return this.s.claimants.all(now.toISOString()).map((r) => r.owner);
  }

  /** Lets a dead owner's claims go at once. */
  expireClaims(owner: string): void {
    this.s.expireClaims.run(owner);
  }

  openPosts(subscriptionId: number): AlertPost[] {
    return this.s.openPosts.all(subscriptionId);
  }

  /** Posts not yet sent, by subscription. */
  waiting(): Map<number, number> {
    return new Map(this.s.waiting.all().map((r) => [r.id, r.n]));
  }

  post(id: number): AlertPost | undefined {
    return this.s.post.get(id);
  }

  /** Alerts sent to a channel after `since`, and when the first of them went. */
  sentSince(subscriptionId: number, since: Date): { count: number; oldest: string | null } {
    const r = this.s.sentSince.get(subscriptionId, since.toISOString())!;
    return { count: r.n, oldest: r.oldest };
  }

  /** Journals the body a queued post will be sent as. False when it is no longer queued. */
  draw(post: AlertPost, body: string, nonce: string, revision: number, now: Date): boolean {
    return this.s.draw.run({ id: post.id, body, nonce, revision, now: now.toISOString() }).changes > 0;
  }

  /** The event went before its alert did: the post will never be sent. */
  drop(post: AlertPost, reason: string, now: Date): void {
    this.s.settle.run({ id: post.id, state: 'dropped', reason, now: now.toISOString() });
  }

  /** The channel is at its hourly cap and has a digest: what waits goes there instead. */
  holdOpen(subscriptionId: number, now: Date): number {
    return this.s.holdOpen.run(now.toISOString(), subscriptionId).changes;
  }

  /** The channel is at its hourly cap and has no digest: what waits goes when the hour allows. */
  deferOpen(subscriptionId: number, until: Date, now: Date): void {
    this.s.deferOpen.run(until.toISOString(), now.toISOString(), subscriptionId);
  }

  /** False when the post is no longer open: another worker finished it. */
  markSending(post: AlertPost, now: Date): boolean {
    return this.s.markSending.run({ id: post.id, now: now.toISOString() }).changes > 0;
  }

  markSent(post: AlertPost, messageId: string, now: Date): void {
    inTransaction(this.db, () => {
      this.s.markSent.run({ id: post.id, messageId, now: now.toISOString() });
      this.s.posted.run({ subscriptionId: post.subscriptionId, now: now.toISOString() });
    });
  }

  markFailed(post: AlertPost, state: 'pending' | 'sending', error: string, retryAt: Date | undefined, now: Date): void {
    this.s.markFailed.run({
      id: post.id,
      state,
      error: error.slice(0, 500),
      retryAt: retryAt?.toISOString() ?? null,
      now: now.toISOString(),
    });
  }

  /** A permanent failure: the subscription stops, with the reason /alert list shows. */
  disable(subscriptionId: number, reason: string, now: Date): void {
    inTransaction(this.db, () => {
      this.s.disable.run(now.toISOString(), reason.slice(0, 300), now.toISOString(), subscriptionId);
      this.s.abandonOpen.run(now.toISOString(), subscriptionId);
    });
  }

  /** Of these events, the ones this channel was alerted about (and at which revision) or held back by the cap. */
  ofChannel(platform: DigestPlatform, channelId: string, eventIds: readonly number[]): Map<number, AlertedEvent> {
    const out = new Map<number, AlertedEvent>();
    if (!eventIds.length) return out;
    for (const r of this.s.ofChannel.iterate(platform, channelId, JSON.stringify(eventIds)))
      out.set(r.eventId, { state: r.state, revision: r.revision });
    return out;
  }
}
