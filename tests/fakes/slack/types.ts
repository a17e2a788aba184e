// The stand-in's public shapes: what tests read back (messages, calls) and how they steer it.
import type { SlackFile } from './files.ts';

export interface SlackMessage {
  ts: string;
  channel: string;
  text?: string;
  blocks?: any[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  user?: string;
  ephemeral?: boolean;
  response_type?: string;
  /** Files shared with the message (files.completeUploadExternal). */
  files?: SlackFile[];
}

export interface ApiCall {
  method: string;
  args: any;
  at: number;
}

export type ChannelState = 'ok' | 'not_in_channel' | 'channel_not_found' | 'is_archived';
/** A Slack error string, or an HTTP status (429 with Retry-After, 5xx); afterStore: post first, then fail (a lost reply). */
export type Failure = string | { status: number; retryAfter?: number; afterStore?: boolean };

export interface SlackFake {
  apiUrl: string;
  botToken: string;
  appToken: string;
  signingSecret: string;
  calls: ApiCall[];
  violations: string[];
  /** Messages posted with chat.postMessage, per channel, oldest first. */
  messages: Map<string, SlackMessage[]>;
  ephemerals: SlackMessage[];
  views: any[];
  /** Bodies posted to each response_url, in order. */
  responses: Map<string, any[]>;
  responseUrl(): string;
  triggerId(): string;
  setChannel(channel: string, state: ChannelState): void;
  /** Grants or takes a scope of the bot token: methods that need a missing one answer missing_scope. */
  setScope(scope: string, granted: boolean): void;
  /** The next calls of a method fail: a Slack error string, or an HTTP status (429 with Retry-After, 5xx). */
  failNext(method: string, failure: Failure, times?: number): void;
  /** chat.postMessage hook: 'hang' never answers; 'hang-after-store' posts, then never answers. */
  onPost(hook: ((channel: string, args: any) => 'hang' | 'hang-after-store' | void) | undefined): void;
  /** chat.postMessage rate limit across channels; over it, 429 with Retry-After. */
  setRateLimit(perSecond: number | undefined): void;
  /** Socket Mode: send an envelope to the connected app and wait for its acknowledgement. */
  sendEnvelope(type: 'slash_commands' | 'interactive', payload: unknown): Promise<any>;
  /** Takes the violations recorded so far, leaving none: for a test's afterEach. */
  takeViolations(): string[];
  socketConnected(): Promise<void>;
  close(): Promise<void>;
}

export interface SlackFakeOptions {
  /** The stand-in's clock, in epoch ms: response_url expiry follows it. */
  now?: () => number;
}

/** A response_url takes at most 5 posts within 30 minutes of the interaction. */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;
