// Chart input from the stores: a bloc's membership history (one row per country that ever had a status
// in it) or a country's (one row per bloc), with the status-change events as markers. A status lasts
// until the next row for the same pair, or to the newest day the data speaks of.
import type { Core } from '../core.ts';
import type { MembershipStatus } from '../domain/types.ts';
import type { ChartMarkerRow as MarkerRow, ChartMembershipRow as MembershipRow } from '../store/charts.ts';
import { formatDay, formatPartialDate } from '../domain/dates.ts';
import { dataEdge, dataTo } from '../presentation/currency.ts';
import type { ChartInput, ChartMarker, ChartRow } from './model.ts';

/** The axis starts with the Soviet Union's end, where every bloc here begins. */
export const CHART_START = '1991-01-01';

export interface RosterLine {
  label: string;
  steps: { status: MembershipStatus; since: string }[];
}

export interface ChartData {
  input: ChartInput;
  /** The same history as text: the answer where a picture cannot go. */
  roster: RosterLine[];
  /** "Data to …" as every other answer words it, for the chart's caption. */
  currency: string;
}

/**
 * Where the data ends, as every other answer's "Data to …" says (the newest reviewed event, or the last
 * successful poll of a news source if later), never after today. Bars that have not ended run to that
 * day; the title shows it as the answers do.
 */
export async function dataEnd(core: Core): Promise<{ day: string; label: string; sentence: string }> {
  const today = core.now().toISOString().slice(0, 10);
  const currency = await core.currency.read();
  const edge = dataEdge(currency);
  const sentence = dataTo(currency);
  if (!edge) return { day: today, label: formatDay(today), sentence };
  return { day: earlier(edge.day, today), label: edge.label, sentence };
}

/** The earlier of two ISO days (Math.min is for numbers; ISO days compare as text). */
const earlier = (a: string, b: string) => (a.localeCompare(b) <= 0 ? a : b);
const later = (a: string, b: string) => (a.localeCompare(b) >= 0 ? a : b);

export async function blocChart(core: Core, blocId: string): Promise<ChartData | undefined> {
  const bloc = core.entities.get(blocId);
  if (bloc?.kind !== 'bloc') return undefined;
  const { rows, markers } = await core.charts.bloc(blocId, CHART_START);
  if (!rows.length) return undefined;
  return build(core, {
    title: `${bloc.name} membership`,
    subtitle: bloc.fullName ?? undefined,
    groups: group(rows, (r) => r.country_id),
    labelOf: (id) => core.entities.get(id)?.name ?? id,
    markers,
  });
}

export async function countryChart(core: Core, countryId: string): Promise<ChartData | undefined> {
  const country = core.entities.get(countryId);
  if (country?.kind !== 'country') return undefined;
  const { rows, markers } = await core.charts.country(countryId, CHART_START);
  if (!rows.length) return undefined;
  return build(core, {
    title: `${country.name} in the blocs`,
    subtitle: 'Membership history',
    groups: group(rows, (r) => r.bloc_id),
    labelOf: (id) => core.entities.get(id)?.name ?? id,
    markers,
  });
}

async function build(
  core: Core,
  o: { title: string; subtitle?: string; groups: Map<string, MembershipRow[]>; labelOf: (id: string) => string; markers: MarkerRow[] },
): Promise<ChartData> {
  const { day: end, label: endLabel, sentence } = await dataEnd(core);
  const lines = [...o.groups].map(([id, history]) => ({ label: o.labelOf(id), history }));
  // The story in order: who came first on top; ties by name.
  lines.sort((a, b) => a.history[0]!.since_start.localeCompare(b.history[0]!.since_start) || a.label.localeCompare(b.label));
  const rows: ChartRow[] = lines.map(({ label, history }) => ({
    label,
    segments: history.flatMap((h, i) => {
      const from = later(h.since_start, CHART_START);
      const to = earlier(history[i + 1]?.since_start ?? end, end);
      return from < to ? [{ from, to, status: h.status }] : [];
    }),
  }));
  const markers: ChartMarker[] = o.markers
    .filter((m) => m.occurred_start <= end)
    .map((m) => ({ date: m.occurred_start, label: `${m.occurred.slice(0, 4)} · ${m.title}` }));
  return {
    input: { title: o.title, subtitle: o.subtitle, dataTo: endLabel, range: { from: CHART_START, to: end }, rows, markers },
    roster: lines.map(({ label, history }) => ({
      label,
      steps: history.map((h) => ({ status: h.status, since: formatPartialDate({ text: h.since, precision: h.precision }) })),
    })),
    currency: sentence,
  };
}

function group(rows: MembershipRow[], key: (r: MembershipRow) => string): Map<string, MembershipRow[]> {
  const out = new Map<string, MembershipRow[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}
