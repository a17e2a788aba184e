// What a membership chart is drawn from: a bloc's or a country's membership rows in the order the chart
// groups them, and the status-change events shown as markers.
import type { MembershipStatus, Precision } from '../domain/types.ts';
import type { Sql } from './sql.ts';

export interface ChartMembershipRow {
  country_id: string;
  bloc_id: string;
  status: MembershipStatus;
  since: string;
  precision: Precision;
  since_start: string;
}

export interface ChartMarkerRow {
  occurred_start: string;
  occurred: string;
  precision: Precision;
  title: string;
}

const MEMBERSHIP_COLUMNS = 'country_id, bloc_id, status, since, precision, since_start';

export class ChartStore {
  constructor(private readonly sql: Sql) {}

  /** Every status each country had in the bloc, by country, oldest first; status changes about the bloc from `from` on. */
  async bloc(blocId: string, from: string): Promise<{ rows: ChartMembershipRow[]; markers: ChartMarkerRow[] }> {
    const [rows, markers] = await Promise.all([
      this.sql.all<ChartMembershipRow>(
        `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE bloc_id = ? ORDER BY country_id, since_start, id`,
        [blocId],
      ),
      this.sql.all<ChartMarkerRow>(
        `SELECT e.occurred_start, e.occurred, e.precision, e.title FROM event_entities l JOIN events e ON e.id = l.event_id
         WHERE l.entity_id = ? AND l.occurred_start >= ? AND e.kind = 'status_change' AND e.deleted_at IS NULL
         ORDER BY l.occurred_start, e.id`,
        [blocId, from],
      ),
    ]);
    return { rows, markers };
  }

  /**
   * Every status the country had in each bloc, by bloc, oldest first; its status changes in the blocs it
   * has a history with from `from` on, an event naming two of them once.
   */
  async country(countryId: string, from: string): Promise<{ rows: ChartMembershipRow[]; markers: ChartMarkerRow[] }> {
    const [rows, markers] = await Promise.all([
      this.sql.all<ChartMembershipRow>(
        `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE country_id = ? ORDER BY bloc_id, since_start, id`,
        [countryId],
      ),
      this.sql.all<ChartMarkerRow>(
        `SELECT e.occurred_start, e.occurred, e.precision, e.title FROM events e
         WHERE e.id IN (SELECT p.event_id FROM event_pairs p WHERE p.country_id = @country AND p.kind = 'status_change' AND p.occurred_start >= @from
                          AND p.bloc_id IN (SELECT bloc_id FROM memberships WHERE country_id = @country))
           AND e.deleted_at IS NULL
         ORDER BY e.occurred_start, e.id`,
        { country: countryId, from },
      ),
    ]);
    return { rows, markers };
  }
}
