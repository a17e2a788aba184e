// The plain data a membership chart is drawn from: no store, no platform, no canvas. Dates are ISO days.
import type { MembershipStatus } from '../domain/types.ts';

export interface ChartSegment {
  /** First day of the status. */
  from: string;
  /** Day the status ended (the next status's first day), or the chart's end. */
  to: string;
  status: MembershipStatus;
}

export interface ChartRow {
  /** A country (bloc chart) or a bloc (country chart). */
  label: string;
  segments: ChartSegment[];
}

export interface ChartMarker {
  date: string;
  label: string;
}

export interface ChartInput {
  /** 'CSTO membership'. */
  title: string;
  /** Second line: the bloc's full name, what the bars mean. */
  subtitle?: string;
  /** Shown as "data to <dataTo>": the newest day the dataset speaks of, formatted. */
  dataTo: string;
  /** The time axis: from 1991 to the newest data. */
  range: { from: string; to: string };
  rows: ChartRow[];
  markers: ChartMarker[];
}

/** Legend order: from belonging fully to not at all. */
export const STATUS_ORDER: readonly MembershipStatus[] = [
  'founding_member',
  'member',
  'observer',
  'dialogue_partner',
  'applicant',
  'frozen',
  'suspended',
  'withdrawn',
];

/** Short legend words; the long ones (STATUS_LABELS) are for sentences. */
export const LEGEND_LABELS: Record<MembershipStatus, string> = {
  founding_member: 'Founding member',
  member: 'Member',
  observer: 'Observer',
  dialogue_partner: 'Dialogue partner',
  applicant: 'Applicant',
  frozen: 'Participation frozen',
  suspended: 'Suspended',
  withdrawn: 'Withdrawn',
};
