// The core every adapter shares: the store (one interface over SQLite or PostgreSQL), and a clock that
// tests can set. Commands and services read and write through the stores here, never through SQL.
import { AlertStore } from './store/alerts.ts';
import { ChartStore } from './store/charts.ts';
import { DataCurrencyStore } from './store/currency.ts';
import { updateDataset, type DatasetUpdateResult } from './store/dataset-update.ts';
import { DigestStore } from './store/digests.ts';
import { DraftRecords } from './store/drafts.ts';
import { EntityDirectory } from './store/entities.ts';
import { EventStore } from './store/events.ts';
import { FormDraftStore } from './store/form-drafts.ts';
import { EventHistory } from './store/history.ts';
import { LeaseStore } from './store/leases.ts';
import { MembershipStore } from './store/membership.ts';
import { NO_METRICS, type MetricsRecorder } from './store/metrics.ts';
import { migrate } from './store/migrate.ts';
import { openSql, type OpenOptions, type StoreLocation } from './store/open.ts';
import { OpsStore } from './store/ops.ts';
import { PublicStore } from './store/public.ts';
import { ReplayStore } from './store/replays.ts';
import { seedIfEmpty } from './store/seed.ts';
import { SourceStore } from './store/sources.ts';
import type { Engine, Sql } from './store/sql.ts';

export interface Core {
  /** Which engine holds the data. */
  engine: Engine;
  /**
   * The statements the stores run. Only the store layer, the command line's database tools (copy-db)
   * and tests use it: commands, services and platforms go through the stores (the boundary test checks).
   */
  sql: Sql;
  entities: EntityDirectory;
  events: EventStore;
  /** How current the data is: the newest event and the news sources' last successful poll. */
  currency: DataCurrencyStore;
  memberships: MembershipStore;
  digests: DigestStore;
  alerts: AlertStore;
  formDrafts: FormDraftStore;
  /** Every revision of an event, read from the audit log. */
  history: EventHistory;
  /** What the public web reads: live events, revisions without their authors, the dataset's revision. */
  published: PublicStore;
  /** News intake's feeds and what it has seen of them. */
  sources: SourceStore;
  /** News intake's draft events, as rows (intake works out what a draft says). */
  drafts: DraftRecords;
  leases: LeaseStore;
  /** Signed requests already answered (Slack's replay protection), shared by every process on the database. */
  replays: ReplayStore;
  charts: ChartStore;
  ops: OpsStore;
  /** Operator defaults handlers need (from the environment). */
  settings: CoreSettings;
  /** Counters for GET /metrics; NO_METRICS unless the app turns metrics on. */
  metrics: MetricsRecorder;
  now(): Date;
  /** fn's reads and writes through any store, atomic (see Sql.transaction). */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface CoreSettings {
  digestTime: string;
  digestTimezone: string;
  /** ALERT_MAX_PER_HOUR: alert posts a channel gets in any hour before the rest wait. */
  alertMaxPerHour: number;
  /** Limits on every fetch news intake makes (INTAKE_TIMEOUT_MS, INTAKE_MAX_BYTES, INTAKE_ALLOW_PRIVATE). */
  intake: { timeoutMs: number; maxBytes: number; allowPrivate: boolean };
  /** PUBLIC_URL: when set, chat answers end with a link to the matching web page. */
  publicUrl?: string;
}

/** The settings a Config gives the core. */
export function coreSettings(c: {
  DIGEST_TIME: string;
  DIGEST_TIMEZONE: string;
  ALERT_MAX_PER_HOUR: number;
  INTAKE_TIMEOUT_MS: number;
  INTAKE_MAX_BYTES: number;
  INTAKE_ALLOW_PRIVATE: boolean;
  PUBLIC_URL?: string;
}): CoreSettings {
  return {
    publicUrl: c.PUBLIC_URL,
    digestTime: c.DIGEST_TIME,
    digestTimezone: c.DIGEST_TIMEZONE,
    alertMaxPerHour: c.ALERT_MAX_PER_HOUR,
    intake: { timeoutMs: c.INTAKE_TIMEOUT_MS, maxBytes: c.INTAKE_MAX_BYTES, allowPrivate: c.INTAKE_ALLOW_PRIVATE },
  };
}

export interface CoreOptions extends OpenOptions {
  settings?: Partial<CoreSettings>;
  /** Clock override for tests and the bench. */
  now?: () => Date;
  /** Load the curated dataset into an empty database, or bring an older one up to date (default true). */
  seed?: boolean;
  metrics?: MetricsRecorder;
  /** Told what a dataset update changed, and which hand-edited events it left alone. */
  onDatasetUpdate?: (result: DatasetUpdateResult) => void;
}

/** Migrates (and, unless told not to, seeds or updates) the database, then builds the stores over it. */
export async function createCore(sql: Sql, opts: CoreOptions = {}): Promise<Core> {
  const now = opts.now ?? (() => new Date());
  await migrate(sql);
  if (opts.seed ?? true) {
    const seeded = await seedIfEmpty(sql, now());
    const updated = seeded ? undefined : await updateDataset(sql, now());
    if (updated) opts.onDatasetUpdate?.(updated);
  }
  // After seeding: the directory holds the entities as they now are.
  const entities = await EntityDirectory.load(sql);
  const history = new EventHistory(sql);
  return {
    engine: sql.engine,
    sql,
    entities,
    events: new EventStore(sql, entities),
    currency: new DataCurrencyStore(sql),
    memberships: new MembershipStore(sql),
    digests: new DigestStore(sql),
    alerts: new AlertStore(sql),
    formDrafts: new FormDraftStore(sql),
    history,
    published: new PublicStore(sql, entities, history),
    sources: new SourceStore(sql),
    drafts: new DraftRecords(sql, entities),
    leases: new LeaseStore(sql),
    replays: new ReplayStore(sql),
    charts: new ChartStore(sql),
    ops: new OpsStore(sql),
    settings: {
      digestTime: '08:00',
      digestTimezone: 'UTC',
      alertMaxPerHour: 6,
      intake: { timeoutMs: 15_000, maxBytes: 5_242_880, allowPrivate: false },
      ...opts.settings,
    },
    metrics: opts.metrics ?? NO_METRICS,
    now,
    transaction: (fn) => sql.transaction(fn),
    close: () => sql.close(),
  };
}

/** Opens the store at a location (a SQLite file, given as its path, or a PostgreSQL URL) and builds the core over it. */
export async function openCore(location: StoreLocation | string, opts: CoreOptions = {}): Promise<Core> {
  const sql = await openSql(typeof location === 'string' ? { engine: 'sqlite', path: location } : location, opts);
  try {
    return await createCore(sql, opts);
  } catch (err) {
    await sql.close();
    throw err;
  }
}
