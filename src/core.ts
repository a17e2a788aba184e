// The core every adapter shares: one database, the stores over it, and a clock that tests can set.
import { EntityDirectory } from './store/entities.ts';
import { DataCurrencyStore } from './store/currency.ts';
import { EventStore } from './store/events.ts';
import { MembershipStore } from './store/membership.ts';
import { openDatabase, type Db } from './store/db.ts';
import { AlertStore } from './store/alerts.ts';
import { DigestStore } from './store/digests.ts';
import { FormDraftStore } from './store/form-drafts.ts';
import { NO_METRICS, type MetricsRecorder } from './store/metrics.ts';
import { EventHistory } from './store/history.ts';
import { PublicStore } from './store/public.ts';
import { migrate } from './store/migrate.ts';
import { updateDataset, type DatasetUpdateResult } from './store/dataset-update.ts';
import { seedIfEmpty } from './store/seed.ts';

export interface Core {
  db: Db;
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
  /** Operator defaults handlers need (from the environment). */
  settings: CoreSettings;
  /** Counters for GET /metrics; NO_METRICS unless the app turns metrics on. */
  metrics: MetricsRecorder;
  now(): Date;
  close(): void;
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

export interface CoreOptions {
  settings?: Partial<CoreSettings>;
  /** Clock override for tests and the bench. */
  now?: () => Date;
  /** Load the curated dataset into an empty database, or bring an older one up to date (default true). */
  seed?: boolean;
  metrics?: MetricsRecorder;
  /** Told what a dataset update changed, and which hand-edited events it left alone. */
  onDatasetUpdate?: (result: DatasetUpdateResult) => void;
}

export function createCore(db: Db, opts: CoreOptions = {}): Core {
  const now = opts.now ?? (() => new Date());
  migrate(db);
  if (opts.seed ?? true) {
    const seeded = seedIfEmpty(db, now());
    const updated = seeded ? undefined : updateDataset(db, now());
    if (updated) opts.onDatasetUpdate?.(updated);
  }
  const entities = new EntityDirectory(db);
  const history = new EventHistory(db);
  return {
    db,
    entities,
    events: new EventStore(db, entities),
    currency: new DataCurrencyStore(db),
    memberships: new MembershipStore(db),
    digests: new DigestStore(db),
    alerts: new AlertStore(db),
    formDrafts: new FormDraftStore(db),
    history,
    published: new PublicStore(db, entities, history),
    settings: {
      digestTime: '08:00',
      digestTimezone: 'UTC',
      alertMaxPerHour: 6,
      intake: { timeoutMs: 15_000, maxBytes: 5_242_880, allowPrivate: false },
      ...opts.settings,
    },
    metrics: opts.metrics ?? NO_METRICS,
    now,
    close: () => db.close(),
  };
}

export function openCore(path: string, opts: CoreOptions = {}): Core {
  return createCore(openDatabase(path), opts);
}
