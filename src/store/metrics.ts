// What the bot counts for operators, as an interface every layer can call without knowing Prometheus.
// src/metrics/ implements it with prom-client when METRICS_ENABLED=true and serves GET /metrics; otherwise
// Core carries NO_METRICS and each call costs nothing. Intake, digests and alerts record through `core.metrics`.

/**
 * How an interaction ended. ok: answered. invalid: the request was malformed (usage, a bad option, a
 * form field to fix). rejected: refused with a reason (no access, nothing found, a stale button).
 * failed: something broke on our side (a handler threw).
 */
export type InteractionOutcome = 'ok' | 'invalid' | 'rejected' | 'failed';
/** One attempt at a digest part: posted, failed for now (retried in this run or a later one), or given up. */
export type DigestPartResult = 'delivered' | 'retried' | 'failed';
/** One poll of an intake source: new content read, 304 Not Modified, a failure, or disabled by it. */
export type IntakePollResult = 'ok' | 'not_modified' | 'failed' | 'disabled';

export interface MetricsRecorder {
  /** `command` is a known command's name or 'unknown': label values never come from what a user typed. */
  interaction(platform: string, command: string, outcome: InteractionOutcome, seconds: number): void;
  digestPart(platform: string, result: DigestPartResult): void;
  subscriptionDisabled(platform: string): void;
  /** One attempt at an alert post, counted as digest parts are. */
  alertPost(platform: string, result: DigestPartResult): void;
  alertSubscriptionDisabled(platform: string): void;
  intakePoll(result: IntakePollResult): void;
  draftsMade(count: number): void;
}

/** The names an operator's dashboards and alerts use: a contract, like the environment variables. */
export const METRIC_NAMES = {
  interactions: 'blocwatch_interactions_total',
  answerSeconds: 'blocwatch_answer_duration_seconds',
  digestParts: 'blocwatch_digest_parts_total',
  subscriptionsDisabled: 'blocwatch_digest_subscriptions_disabled_total',
  alertPosts: 'blocwatch_alert_posts_total',
  alertSubscriptionsDisabled: 'blocwatch_alert_subscriptions_disabled_total',
  intakePolls: 'blocwatch_intake_polls_total',
  intakeDrafts: 'blocwatch_intake_drafts_total',
  reviewQueue: 'blocwatch_intake_review_queue',
  databaseBytes: 'blocwatch_database_size_bytes',
} as const;

export const NO_METRICS: MetricsRecorder = {
  interaction() {},
  digestPart() {},
  subscriptionDisabled() {},
  alertPost() {},
  alertSubscriptionDisabled() {},
  intakePoll() {},
  draftsMade() {},
};
