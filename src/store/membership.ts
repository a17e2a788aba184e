// Membership history: (country, bloc) → a dated sequence of statuses. "As of" a day is the latest row
// starting on or before it: one descending probe of the memberships_history index.
import type { MembershipStatus, Precision } from '../domain/types.ts';
import type { Sql } from './sql.ts';
import { fromStored, type PartialDate } from '../domain/dates.ts';
import type { Source } from '../domain/event-record.ts';

export interface MembershipRow {
  id: number;
  countryId: string;
  blocId: string;
  status: MembershipStatus;
  since: PartialDate;
  basisEventId: number | null;
  source: Source;
  note: string | null;
}

interface Row {
  id: number;
  country_id: string;
  bloc_id: string;
  status: MembershipStatus;
  since: string;
  precision: Precision;
  basis_event_id: number | null;
  source_url: string;
  source_publisher: string;
  note: string | null;
}

const toMembership = (r: Row): MembershipRow => ({
  id: r.id,
  countryId: r.country_id,
  blocId: r.bloc_id,
  status: r.status,
  since: fromStored(r.since, r.precision),
  basisEventId: r.basis_event_id,
  source: { url: r.source_url, publisher: r.source_publisher },
  note: r.note,
});

export const STATUS_LABELS: Record<MembershipStatus, string> = {
  member: 'Member',
  founding_member: 'Member (founding)',
  observer: 'Observer',
  dialogue_partner: 'Dialogue partner',
  applicant: 'Applicant',
  frozen: 'Member, participation frozen',
  suspended: 'Membership suspended',
  withdrawn: 'Withdrawn (former member)',
};

/** Statuses in which a country still belongs to the bloc, whatever it does there. */
const BELONGS: ReadonlySet<MembershipStatus> = new Set(['member', 'founding_member', 'frozen', 'suspended']);

export interface StatusAnswer {
  current: MembershipRow;
  /** Start of the unbroken stretch of belonging that includes the current status, if it belongs. */
  memberSince?: PartialDate;
  /** Every row up to the asked day, oldest first. */
  history: MembershipRow[];
}

/** Latest row per country up to the day (@asOf): the NOT EXISTS probe walks the same index. */
const LATEST_PER_PAIR = `NOT EXISTS (SELECT 1 FROM memberships n
    WHERE n.bloc_id = m.bloc_id AND n.country_id = m.country_id AND n.since_start <= @asOf
      AND (n.since_start > m.since_start OR (n.since_start = m.since_start AND n.id > m.id)))`;

export class MembershipStore {
  constructor(private readonly sql: Sql) {}

  async statusAsOf(countryId: string, blocId: string, asOf: string): Promise<StatusAnswer | undefined> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM memberships WHERE bloc_id = ? AND country_id = ? AND since_start <= ? ORDER BY since_start, id',
      [blocId, countryId, asOf],
    );
    const history = rows.map(toMembership);
    const current = history.at(-1);
    if (!current) return undefined;
    let memberSince: PartialDate | undefined;
    if (BELONGS.has(current.status)) {
      for (let i = history.length - 1; i >= 0 && BELONGS.has(history[i]!.status); i--) memberSince = history[i]!.since;
    }
    return { current, memberSince, history };
  }

  /** Every country that was ever in the bloc by that day, with its status on that day. */
  async roster(blocId: string, asOf: string): Promise<MembershipRow[]> {
    const rows = await this.sql.all<Row>(
      `SELECT m.* FROM memberships m WHERE m.bloc_id = @bloc AND m.since_start <= @asOf AND ${LATEST_PER_PAIR} ORDER BY m.country_id`,
      { bloc: blocId, asOf },
    );
    return rows.map(toMembership);
  }

  /** Every status change in a bloc, oldest first. */
  async blocHistory(blocId: string): Promise<MembershipRow[]> {
    return (await this.sql.all<Row>('SELECT * FROM memberships WHERE bloc_id = ? ORDER BY since_start, id', [blocId])).map(toMembership);
  }

  /** A country's current status in every bloc it has a history with. */
  async blocsOf(countryId: string, asOf: string): Promise<MembershipRow[]> {
    const rows = await this.sql.all<Row>(
      `SELECT m.* FROM memberships m WHERE m.country_id = @country AND m.since_start <= @asOf AND ${LATEST_PER_PAIR} ORDER BY m.bloc_id`,
      { country: countryId, asOf },
    );
    return rows.map(toMembership);
  }
}
