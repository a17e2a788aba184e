// Draws a membership chart to PNG bytes: title and "data to", a legend of the statuses shown, one bar
// per row coloured by status over a time axis from 1991, and the key events as dashed lines with
// labels in lanes that never overlap. The same input gives the same bytes: one bundled font, no clock,
// no metadata in the PNG.
import type { SKRSContext2D } from '@napi-rs/canvas';
import { loadCanvas } from './canvas.ts';
import type { MembershipStatus } from '../domain/types.ts';
import { ensureChartFonts, font } from './font.ts';
import { placeLabels, timeScale, yearTicks, type MarkerPlacement } from './layout.ts';
import { LEGEND_LABELS, STATUS_ORDER, type ChartInput } from './model.ts';

/**
 * Sized for chat: wide enough for 35 years of bars, narrow enough that a phone shows it at a third of
 * its size and the text (drawn large for that) stays readable. An opaque warm-white card reads the same
 * on Discord's dark and light themes and in Slack.
 */
export const CHART_WIDTH = 1100;
const PAD = 36;
const ROW_HEIGHT = 46;
const BAR_HEIGHT = 26;
const LANE_HEIGHT = 32;
const LABEL_MAX_WIDTH = 500;
/** Country and bloc names longer than this are shortened, so the bars keep most of the width. */
const ROW_LABEL_MAX_WIDTH = 260;

const INK = '#1b1f24';
const MUTED = '#57606a';
const FAINT = '#d8dadd';
const BACKGROUND = '#fbfaf7';
const ROW_SHADE = '#f1efe9';
const MARKER = '#6e3fa3';

/** Colour per status: blues for belonging, teal/green for looser ties, warm for trouble, grey for gone. */
export const STATUS_COLORS: Record<MembershipStatus, string> = {
  founding_member: '#1d4e89',
  member: '#4a8fd6',
  observer: '#2a9d8f',
  dialogue_partner: '#7fb356',
  applicant: '#e0b030',
  frozen: '#ef8a17',
  suspended: '#c0392b',
  withdrawn: '#a3a8ae',
};

/** Statuses drawn as a thin line rather than a bar: the country is no longer in. */
const THIN: ReadonlySet<MembershipStatus> = new Set(['withdrawn']);

export interface ChartLayout {
  width: number;
  height: number;
  /** Where the time axis starts, right of the row names. */
  plotLeft: number;
  markers: MarkerPlacement[];
}

export function renderChart(input: ChartInput): { png: Buffer; layout: ChartLayout } {
  ensureChartFonts();
  // A scratch context measures text before the real canvas is sized.
  const measure = loadCanvas().createCanvas(8, 8).getContext('2d');
  const width = CHART_WIDTH;
  const right = width - PAD;

  measure.font = font(22, true);
  const labelColumn =
    Math.ceil(Math.min(ROW_LABEL_MAX_WIDTH, Math.max(80, ...input.rows.map((r) => measure.measureText(r.label).width)))) + 20;
  const plotLeft = PAD + labelColumn;
  const x = timeScale(input.range, plotLeft, right);

  // Legend: only the statuses this chart shows, wrapped to the width.
  const shown = STATUS_ORDER.filter((s) => input.rows.some((r) => r.segments.some((g) => g.status === s)));
  measure.font = font(20);
  const legend: { status: MembershipStatus; x: number; line: number }[] = [];
  let lx = PAD;
  let line = 0;
  for (const status of shown) {
    const w = 30 + measure.measureText(LEGEND_LABELS[status]).width + 28;
    if (lx + w > right && lx > PAD) {
      line++;
      lx = PAD;
    }
    legend.push({ status, x: lx, line });
    lx += w;
  }
  const legendLines = legend.length ? line + 1 : 0;

  // Marker labels, fitted to a width and laid in lanes above the plot (baseline 0, shifted below).
  measure.font = font(19);
  const texts = input.markers.map((m) => fitText(measure, m.label, LABEL_MAX_WIDTH));
  const placed = placeLabels(
    input.markers.map((m, i) => ({ x: x(m.date), width: measure.measureText(texts[i]!).width })),
    { minX: PAD, maxX: right, baseline: 0, laneHeight: LANE_HEIGHT, padX: 7, gap: 10 },
  );
  const lanes = placed.reduce((n, p) => Math.max(n, p.lane + 1), 0);

  const titleY = PAD + 34;
  const subtitleY = titleY + 36;
  const legendTop = subtitleY + 24;
  const lanesTop = legendTop + legendLines * 34 + (legendLines ? 14 : 0);
  const plotTop = lanesTop + lanes * LANE_HEIGHT + 10;
  const plotBottom = plotTop + Math.max(1, input.rows.length) * ROW_HEIGHT;
  const height = plotBottom + 44 + PAD - 8;
  const markers = placed.map((p) => ({
    ...p,
    box: { ...p.box, top: p.box.top + plotTop - 10, bottom: p.box.bottom + plotTop - 10 },
  }));

  const canvas = loadCanvas().createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);

  // Title and "data to".
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = INK;
  ctx.font = font(32, true);
  ctx.fillText(fitText(ctx, input.title, right - PAD), PAD, titleY);
  ctx.fillStyle = MUTED;
  ctx.font = font(20);
  ctx.fillText(fitText(ctx, [input.subtitle, `data to ${input.dataTo}`].filter(Boolean).join(' · '), right - PAD), PAD, subtitleY);

  // Legend.
  ctx.font = font(20);
  ctx.textBaseline = 'middle';
  for (const item of legend) {
    const cy = legendTop + item.line * 34 + 16;
    swatch(ctx, item.status, item.x, cy, 24);
    ctx.fillStyle = INK;
    ctx.fillText(LEGEND_LABELS[item.status], item.x + 32, cy + 1);
  }

  // Rows: shading, year grid, bars.
  input.rows.forEach((_, i) => {
    if (i % 2 === 0) {
      ctx.fillStyle = ROW_SHADE;
      ctx.fillRect(PAD, plotTop + i * ROW_HEIGHT, right - PAD, ROW_HEIGHT);
    }
  });
  const ticks = yearTicks(input.range);
  ctx.lineWidth = 1;
  for (const t of ticks) {
    if (!t.major) continue;
    const tx = Math.round(x(`${t.year}-01-01`)) + 0.5;
    ctx.strokeStyle = FAINT;
    line2(ctx, tx, plotTop, tx, plotBottom);
  }
  input.rows.forEach((row, i) => {
    const cy = plotTop + i * ROW_HEIGHT + ROW_HEIGHT / 2;
    ctx.fillStyle = INK;
    ctx.font = font(22, true);
    ctx.textAlign = 'right';
    ctx.fillText(fitText(ctx, row.label, ROW_LABEL_MAX_WIDTH), plotLeft - 14, cy + 1);
    ctx.textAlign = 'left';
    row.segments.forEach((seg, n) => {
      const a = x(seg.from);
      const b = Math.max(a + 3, x(seg.to));
      const h = THIN.has(seg.status) ? 6 : BAR_HEIGHT;
      ctx.fillStyle = STATUS_COLORS[seg.status];
      ctx.fillRect(Math.round(a), Math.round(cy - h / 2), Math.max(3, Math.round(b) - Math.round(a)), h);
      // A hairline of background between touching statuses keeps the change visible.
      if (n > 0 && row.segments[n - 1]!.to === seg.from) {
        ctx.fillStyle = BACKGROUND;
        ctx.fillRect(Math.round(a), Math.round(cy - BAR_HEIGHT / 2), 2, BAR_HEIGHT);
      }
    });
  });

  // Axis: a baseline, a small mark every year, labels on the major years.
  ctx.strokeStyle = MUTED;
  line2(ctx, plotLeft, plotBottom + 0.5, right, plotBottom + 0.5);
  ctx.fillStyle = MUTED;
  ctx.font = font(19);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of ticks) {
    const tx = Math.round(x(`${t.year}-01-01`)) + 0.5;
    line2(ctx, tx, plotBottom, tx, plotBottom + (t.major ? 9 : 5));
    if (t.major) ctx.fillText(String(t.year), Math.min(right - 24, Math.max(plotLeft + 24, tx)), plotBottom + 13);
  }
  ctx.textAlign = 'left';

  // Key events: a dashed line from the label down through the rows, the label on an opaque chip.
  ctx.strokeStyle = MARKER;
  ctx.setLineDash([5, 4]);
  for (const m of markers) {
    const mx = Math.round(m.x) + 0.5;
    line2(ctx, mx, m.box.bottom - 4, mx, plotBottom);
  }
  ctx.setLineDash([]);
  ctx.font = font(19);
  ctx.textBaseline = 'middle';
  for (const m of markers) {
    const b = m.box;
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(b.left, b.top, b.right - b.left, b.bottom - b.top);
    ctx.strokeStyle = MARKER;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(b.left + 0.5, b.top + 0.5, b.right - b.left - 1, b.bottom - b.top - 1);
    ctx.lineWidth = 1;
    ctx.fillStyle = INK;
    ctx.fillText(texts[m.index]!, b.left + 7, (b.top + b.bottom) / 2 + 1);
    // A dot where the line leaves the chip ties the label to its line among close neighbours.
    ctx.fillStyle = MARKER;
    ctx.beginPath();
    ctx.arc(Math.round(m.x) + 0.5, b.bottom, 4, 0, 2 * Math.PI);
    ctx.fill();
  }

  return { png: canvas.encodeSync('png'), layout: { width, height, plotLeft, markers } };
}

function swatch(ctx: SKRSContext2D, status: MembershipStatus, left: number, cy: number, size: number): void {
  const h = THIN.has(status) ? 6 : size * 0.75;
  ctx.fillStyle = STATUS_COLORS[status];
  ctx.fillRect(left, Math.round(cy - h / 2), size, Math.round(h));
}

function line2(ctx: SKRSContext2D, x1: number, y1: number, x2: number, y2: number): void {
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x2, y2);
  ctx.stroke();
}

/** The text, or its longest prefix that fits with an ellipsis. */
export function fitText(ctx: Pick<SKRSContext2D, 'measureText'>, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid).trimEnd()}…`).width <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}
