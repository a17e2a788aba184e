// GET /metrics in the Prometheus text format, with prom-client: the MetricsRecorder the rest of the bot
// calls (src/store/metrics.ts), on a registry of this app's own (never prom-client's global one, so two
// apps in one process, as in the tests, never share or clash), plus gauges read at scrape time from the
// database. Loaded by src/app.ts only when METRICS_ENABLED=true.
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RouteHandler } from '../http/server.ts';
import type { DraftRecords } from '../store/drafts.ts';
import type { OpsStore } from '../store/ops.ts';
import {
  METRIC_NAMES,
  type DigestPartResult,
  type InteractionOutcome,
  type IntakePollResult,
  type MetricsRecorder,
} from '../store/metrics.ts';

export class PrometheusMetrics implements MetricsRecorder {
  readonly registry = new Registry();
  private readonly interactions: Counter<'platform' | 'command' | 'outcome'>;
  private readonly answerSeconds: Histogram<'platform' | 'command'>;
  private readonly digestParts: Counter<'platform' | 'result'>;
  private readonly subscriptionsDisabled: Counter<'platform'>;
  private readonly alertPosts: Counter<'platform' | 'result'>;
  private readonly alertSubscriptionsDisabled: Counter<'platform'>;
  private readonly intakePolls: Counter<'result'>;
  private readonly intakeDrafts: Counter;

  constructor() {
    const registers = [this.registry];
    this.interactions = new Counter({
      name: METRIC_NAMES.interactions,
      help: 'Commands, button presses and form submits answered, by platform, command and outcome (ok, invalid, rejected, failed)',
      labelNames: ['platform', 'command', 'outcome'],
      registers,
    });
    this.answerSeconds = new Histogram({
      name: METRIC_NAMES.answerSeconds,
      help: 'Time from an interaction reaching the dispatcher to its answer being ready, in seconds',
      labelNames: ['platform', 'command'],
      // Discord and Slack want an answer within 3 s; the buckets are dense below that.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
      registers,
    });
    this.digestParts = new Counter({
      name: METRIC_NAMES.digestParts,
      help: 'Digest part sends by platform and result: delivered, retried (failed for now, tried again) or failed (given up)',
      labelNames: ['platform', 'result'],
      registers,
    });
    this.subscriptionsDisabled = new Counter({
      name: METRIC_NAMES.subscriptionsDisabled,
      help: 'Digest subscriptions disabled after a permanent error (channel gone or closed to the bot)',
      labelNames: ['platform'],
      registers,
    });
    this.alertPosts = new Counter({
      name: METRIC_NAMES.alertPosts,
      help: 'Alert post sends by platform and result: delivered, retried (failed for now, tried again) or failed (given up)',
      labelNames: ['platform', 'result'],
      registers,
    });
    this.alertSubscriptionsDisabled = new Counter({
      name: METRIC_NAMES.alertSubscriptionsDisabled,
      help: 'Alert subscriptions disabled after a permanent error (channel gone or closed to the bot)',
      labelNames: ['platform'],
      registers,
    });
    this.intakePolls = new Counter({
      name: METRIC_NAMES.intakePolls,
      help: 'Intake source polls by result: ok, not_modified (HTTP 304), failed, disabled',
      labelNames: ['result'],
      registers,
    });
    this.intakeDrafts = new Counter({ name: METRIC_NAMES.intakeDrafts, help: 'Drafts made by intake for editors to review', registers });
    collectDefaultMetrics({ register: this.registry });
  }

  interaction(platform: string, command: string, outcome: InteractionOutcome, seconds: number): void {
    this.interactions.inc({ platform, command, outcome });
    this.answerSeconds.observe({ platform, command }, seconds);
  }

  digestPart(platform: string, result: DigestPartResult): void {
    this.digestParts.inc({ platform, result });
  }

  subscriptionDisabled(platform: string): void {
    this.subscriptionsDisabled.inc({ platform });
  }

  alertPost(platform: string, result: DigestPartResult): void {
    this.alertPosts.inc({ platform, result });
  }

  alertSubscriptionDisabled(platform: string): void {
    this.alertSubscriptionsDisabled.inc({ platform });
  }

  intakePoll(result: IntakePollResult): void {
    this.intakePolls.inc({ result });
  }

  draftsMade(count: number): void {
    if (count > 0) this.intakeDrafts.inc(count);
  }

  /** Gauges read from the database at each scrape: its size and the drafts waiting for review. A scrape while it is unreachable leaves them as they were. */
  watchDatabase(stores: { ops: OpsStore; drafts: DraftRecords }): void {
    new Gauge({
      name: METRIC_NAMES.databaseBytes,
      help: 'Size of the database in bytes (SQLite: page_count × page_size, without the WAL file; PostgreSQL: pg_database_size)',
      registers: [this.registry],
      async collect() {
        const size = await stores.ops.databaseBytes().catch(() => undefined);
        if (size !== undefined) this.set(size);
      },
    });
    new Gauge({
      name: METRIC_NAMES.reviewQueue,
      help: 'Intake drafts waiting for an editor (pending review)',
      registers: [this.registry],
      async collect() {
        const pending = await stores.drafts.pendingCount().catch(() => undefined);
        if (pending !== undefined) this.set(pending);
      },
    });
  }

  /** The GET /metrics route: the text format, behind `Authorization: Bearer <token>` when a token is set. */
  handler(token: string | undefined): RouteHandler {
    const expected = token === undefined ? undefined : sha256(token);
    return async (req, res) => {
      req.resume();
      if (expected && !bearerMatches(req.headers.authorization, expected)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' });
        res.end('401: send Authorization: Bearer <METRICS_TOKEN>\n');
        return;
      }
      const body = await this.registry.metrics();
      res.writeHead(200, { 'content-type': this.registry.contentType, 'cache-control': 'no-store' });
      res.end(body);
    };
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Compares digests of equal length in constant time, so the answer's timing tells nothing about the token. */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const m = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return m !== null && timingSafeEqual(sha256(m[1]!), expected);
}
