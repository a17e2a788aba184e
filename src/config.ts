// The one place the environment is read. Every problem is collected and reported at once, by variable
// name, so an operator fixes a bad deployment in one go instead of one restart per mistake.
import { existsSync } from 'node:fs';
import type * as Dotenv from 'dotenv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type cronModule from 'node-cron';
import * as z from 'zod';
import { isValidZone, normaliseTime } from './domain/time.ts';

const requireHere = createRequire(import.meta.url);

const DEFAULT_POLL_CRON = '*/15 * * * *';

/**
 * node-cron's own check of a cron expression. Required only for an expression other than the default:
 * loading node-cron (and the child_process module it brings) costs the console a twentieth of its start.
 */
function isValidCron(expression: string): boolean {
  if (expression === DEFAULT_POLL_CRON) return true;
  const cron = requireHere('node-cron') as typeof cronModule;
  return cron.validate(expression);
}

const csv = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

const snowflakes = csv.refine((ids) => ids.every((id) => /^\d{17,20}$/.test(id)), {
  message: 'must be a comma-separated list of Discord ids (17-20 digits)',
});

const slackUsers = csv.refine((ids) => ids.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)), {
  message: 'must be a comma-separated list of Slack user ids (U… or W…)',
});

/** postgres:// or postgresql:// with a host; user, password, port, database and parameters as libpq takes them. */
function isPostgresUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const optionalNonEmpty = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() ? s.trim() : undefined));

const url = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() ? s.trim().replace(/\/+$/, '') : undefined))
  .refine((s) => s === undefined || /^https?:\/\/[^\s]+$/.test(s), { message: 'must be an http(s) URL' });

/** What a `blocwatch start` process does (see ROLES in src/app.ts). */
export const ROLES = ['web', 'worker', 'all'] as const;
export type Role = (typeof ROLES)[number];

export const configSchema = z
  .object({
    // web: HTTP interactions and pages, no schedulers; worker: schedulers, polls and deliveries; all: both.
    // `blocwatch start --role` wins over it.
    BLOCWATCH_ROLE: z.enum(ROLES, { message: 'must be web, worker or all' }).default('all'),
    DATABASE_PATH: z.string().trim().min(1).default('./data/blocwatch.db'),
    // When set, wins over DATABASE_PATH: the store is this PostgreSQL database.
    DATABASE_URL: optionalNonEmpty.refine((s) => s === undefined || isPostgresUrl(s), {
      message: 'must be a PostgreSQL URL: postgres://user:password@host:5432/database',
    }),
    HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),

    DISCORD_TOKEN: optionalNonEmpty,
    DISCORD_APPLICATION_ID: optionalNonEmpty.refine((s) => s === undefined || /^\d{17,20}$/.test(s), {
      message: 'must be the numeric application id (17-20 digits)',
    }),
    DISCORD_PUBLIC_KEY: optionalNonEmpty.refine((s) => s === undefined || /^[0-9a-fA-F]{64}$/.test(s), {
      message: 'must be the 64-character hex public key from the Developer Portal',
    }),
    DISCORD_INTERACTIONS: z.enum(['gateway', 'http']).default('gateway'),
    DISCORD_API_URL: url,
    DISCORD_GUILD_ID: optionalNonEmpty.refine((s) => s === undefined || /^\d{17,20}$/.test(s), {
      message: 'must be a numeric guild id (17-20 digits)',
    }),
    DISCORD_ADMIN_ROLE_IDS: snowflakes,
    // Editors of the shared dataset: roles on one home guild, or named users. Never a server permission.
    DISCORD_EDITOR_GUILD_ID: optionalNonEmpty.refine((s) => s === undefined || /^\d{17,20}$/.test(s), {
      message: 'must be the numeric id of the home server whose roles make editors (17-20 digits)',
    }),
    DISCORD_EDITOR_ROLE_IDS: snowflakes,
    DISCORD_EDITOR_USER_IDS: snowflakes,

    SLACK_BOT_TOKEN: optionalNonEmpty.refine((s) => s === undefined || s.startsWith('xoxb-'), {
      message: 'must be a bot token starting with xoxb-',
    }),
    SLACK_SIGNING_SECRET: optionalNonEmpty,
    SLACK_APP_TOKEN: optionalNonEmpty.refine((s) => s === undefined || s.startsWith('xapp-'), {
      message: 'must be an app-level token starting with xapp-',
    }),
    SLACK_API_URL: url,
    SLACK_ADMIN_USER_IDS: slackUsers,
    SLACK_EDITOR_USER_IDS: slackUsers,

    DIGEST_TIME: z
      .string()
      .trim()
      .default('08:00')
      .refine((s) => normaliseTime(s) !== undefined, { message: 'must be a 24-hour time HH:MM, e.g. 08:00' })
      .transform((s) => normaliseTime(s)!),
    DIGEST_TIMEZONE: z
      .string()
      .trim()
      .default('UTC')
      // UTC needs no check: asking Intl about a zone loads ICU's zone data, a tenth of the console's start-up.
      .refine((zone) => zone === 'UTC' || isValidZone(zone), { message: 'must be an IANA time zone such as UTC or Asia/Yerevan' }),
    // Alert posts a channel gets in any hour; the rest wait for its digest, or for the hour to allow them.
    ALERT_MAX_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(6),
    // How long a worker's claim on a digest, alert channel or news source lasts unless renewed: a killed
    // worker's work is taken over this long after its last renewal (at the next tick after that).
    WORK_CLAIM_SECONDS: z.coerce.number().int().min(2).max(600).default(60),
    // Discord's global rate limit for this bot token (50 a second unless Discord raised it), shared
    // between the processes delivering digests and alerts at once.
    DISCORD_GLOBAL_RATE: z.coerce.number().int().min(1).max(10_000).default(50),
    // Slack documents no workspace-wide message rate; set one to share it between the processes too.
    SLACK_GLOBAL_RATE: optionalNonEmpty.pipe(z.coerce.number<string | undefined>().int().min(1).max(10_000).optional()),
    INTAKE_POLL_CRON: z
      .string()
      .trim()
      .default(DEFAULT_POLL_CRON)
      .refine(isValidCron, { message: 'must be a cron expression, e.g. */15 * * * * (every 15 minutes)' }),
    INTAKE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    INTAKE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(10_000)
      .max(100 * 1024 * 1024)
      .default(5_242_880),
    INTAKE_ALLOW_PRIVATE: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((s) => s === 'true' || s === '1'),
    INTAKE_REVIEW_CHANNEL_DISCORD: optionalNonEmpty.refine((s) => s === undefined || /^\d{17,20}$/.test(s), {
      message: 'must be a Discord channel id (17-20 digits)',
    }),
    INTAKE_REVIEW_CHANNEL_SLACK: optionalNonEmpty.refine((s) => s === undefined || /^[CG][A-Z0-9]{2,}$/.test(s), {
      message: 'must be a Slack channel id (C… or G…)',
    }),
    // GET /metrics (Prometheus text format); behind `Authorization: Bearer <METRICS_TOKEN>` when set.
    METRICS_ENABLED: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((s) => s === 'true' || s === '1'),
    METRICS_TOKEN: optionalNonEmpty.refine((s) => s === undefined || /^[\x21-\x7e]+$/.test(s), {
      message: 'must be printable ASCII without spaces (it is sent as a bearer token)',
    }),
    // The public web (pages, feeds, JSON API, charts) on the HTTP server; off unless asked for.
    WEB_ENABLED: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((s) => s === 'true' || s === '1'),
    // Where the public web is reached from outside (scheme, host, and port if any); chat answers link there.
    PUBLIC_URL: url,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((c, ctx) => {
    // A platform is either configured completely or not at all: half a configuration is a typo.
    const discordAny = c.DISCORD_TOKEN || c.DISCORD_APPLICATION_ID || c.DISCORD_PUBLIC_KEY;
    if (discordAny) {
      if (!c.DISCORD_TOKEN) ctx.addIssue({ code: 'custom', path: ['DISCORD_TOKEN'], message: 'is required when Discord is configured' });
      if (!c.DISCORD_APPLICATION_ID)
        ctx.addIssue({ code: 'custom', path: ['DISCORD_APPLICATION_ID'], message: 'is required when Discord is configured' });
      if (c.DISCORD_INTERACTIONS === 'http' && !c.DISCORD_PUBLIC_KEY)
        ctx.addIssue({ code: 'custom', path: ['DISCORD_PUBLIC_KEY'], message: 'is required when DISCORD_INTERACTIONS=http' });
    }
    // Roles without their guild (or a guild without roles) name nobody: surely a half-done setup.
    if (c.DISCORD_EDITOR_ROLE_IDS.length && !c.DISCORD_EDITOR_GUILD_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_EDITOR_GUILD_ID'],
        message: 'is required with DISCORD_EDITOR_ROLE_IDS (the server those roles belong to)',
      });
    if (c.DISCORD_EDITOR_GUILD_ID && !c.DISCORD_EDITOR_ROLE_IDS.length)
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_EDITOR_ROLE_IDS'],
        message: 'is required with DISCORD_EDITOR_GUILD_ID (which roles there make editors)',
      });
    if (c.SLACK_BOT_TOKEN || c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET) {
      if (!c.SLACK_BOT_TOKEN) ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when Slack is configured' });
      if (!c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET)
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_SIGNING_SECRET'],
          message: 'is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
        });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads `.env` (when present) under the real environment: a variable already set wins. */
export function readEnv(env: NodeJS.ProcessEnv = process.env, dotenvPath = '.env'): Record<string, string | undefined> {
  // dotenv is required only when there is a file for it to read.
  const fromFile = existsSync(dotenvPath) ? (requireHere('dotenv') as typeof Dotenv).parse(readFileSync(dotenvPath)) : {};
  return { ...fromFile, ...env };
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings in .env files mean "unset", as most operators expect.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  // Parsed once per process: zod's compiled fast path would cost more to build than it saves.
  const result = configSchema.safeParse(cleaned, { jitless: true });
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => {
    const name = String(i.path[0] ?? 'environment');
    const value = cleaned[name];
    const shown = value === undefined || /TOKEN|SECRET|KEY/.test(name) ? '' : ` (got "${value}")`;
    return `${name} ${i.message}${shown}`;
  });
  throw new ConfigError(problems);
}

export const platforms = (c: Config) => ({
  discord: Boolean(c.DISCORD_TOKEN && c.DISCORD_APPLICATION_ID),
  slack: Boolean(c.SLACK_BOT_TOKEN && (c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET)),
});
