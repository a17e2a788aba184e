// What the Discord stand-in remembers, shared by its REST routes, its gateway and the test-facing API.
import type { IncomingMessage } from 'node:http';
import type { Upload } from './multipart.ts';
import type { SnowflakeMint } from './snowflake.ts';

export interface StoredMessage {
  id: string;
  channel_id: string;
  content?: string;
  embeds: any[];
  components: any[];
  flags?: number;
  allowed_mentions?: unknown;
  nonce?: string | number;
  /** When the stand-in stored it, by its clock. */
  storedAt?: number;
  interaction?: string;
  /** Files uploaded with the message (multipart), bytes included. */
  attachments?: Upload[];
}

export interface Interaction {
  id: string;
  token: string;
  type: number;
  createdAt: number;
  callback?: { type: number; data?: any };
  original?: StoredMessage;
  followUps: StoredMessage[];
  waiters: ((cb: { type: number; data?: any }) => void)[];
}

export interface Failure {
  status: number;
  code?: number;
  message?: string;
  retryAfter?: number;
  /** Process the request (store the message) and only then answer with the failure: a lost reply. */
  afterStore?: boolean;
}

/** What to do with a channel message POST: 'hang' never answers; 'hang-after-store' stores, then never answers. */
export type PostHook = (channel: string, body: any) => 'hang' | 'hang-after-store' | void;

export interface RequestLog {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  at: number;
}

export interface DiscordFakeOptions {
  token?: string;
  applicationId?: string;
  /** Discord allows 3 s between an interaction and its callback. */
  interactionTimeoutMs?: number;
  /** HELLO's heartbeat_interval; Discord's is about 41 s, tests shorten it to see heartbeats. */
  heartbeatIntervalMs?: number;
  /**
   * The stand-in's clock, in epoch ms: message ids, timestamps and the nonce window follow it. A test
   * that moves the bot's clock by hand passes the same clock here, so "since then" means the same to both.
   */
  now?: () => number;
}

export interface DiscordState {
  token: string;
  applicationId: string;
  botUser: { id: string; username: string; discriminator: string; global_name: string; bot: true; avatar: null };
  timeoutMs: number;
  now: () => number;
  mint: SnowflakeMint;
  violations: string[];
  requests: RequestLog[];
  heartbeats: (number | null)[];
  commands: Map<string, any[]>;
  messages: Map<string, StoredMessage[]>;
  interactions: Map<string, Interaction>;
  failures: { match: RegExp; failure: Failure }[];
  channelModes: Map<string, Failure>;
  /** Permissions the bot is denied, by channel (permissions.ts). */
  botDenied: Map<string, bigint>;
  rate?: { perSecond: number; windows: Map<string, number[]> };
  globalRate?: { perSecond: number; window: number; count: number };
  postHook?: PostHook;
  failAfter?: Failure;
  port: number;
}

/** How long the stand-in honours enforce_nonce; shorter than the bot may assume would fail tests. */
export const NONCE_WINDOW_MS = 3 * 60_000;
