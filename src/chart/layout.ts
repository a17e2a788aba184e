// The chart's geometry, apart from drawing: the time scale, the year ticks and the lanes of event
// labels. Pure functions over measured widths, so the no-overlap rule can be tested on its own.

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const DAY_MS = 86_400_000;
export const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** Maps ISO days onto [left, right]. */
export function timeScale(range: { from: string; to: string }, left: number, right: number): (iso: string) => number {
  const a = dayNumber(range.from);
  const span = Math.max(1, dayNumber(range.to) - a);
  return (iso) => left + ((dayNumber(iso) - a) / span) * (right - left);
}

export interface Tick {
  year: number;
  /** Labelled ticks every `every` years; the rest are small marks. */
  major: boolean;
}

/** A tick on every 1 January inside the range; labels every 5 years (every 2 on short ranges). */
export function yearTicks(range: { from: string; to: string }): Tick[] {
  const first = Number(range.from.slice(0, 4)) + (range.from.slice(5) === '01-01' ? 0 : 1);
  const last = Number(range.to.slice(0, 4));
  const every = last - first > 16 ? 5 : last - first > 6 ? 2 : 1;
  const ticks: Tick[] = [];
  for (let y = first; y <= last; y++) ticks.push({ year: y, major: y % every === 0 });
  return ticks;
}

export interface MarkerPlacement {
  /** Index into the markers given. */
  index: number;
  /** Where the marker line stands. */
  x: number;
  lane: number;
  /** The label's box, lane 0 nearest the plot. */
  box: Box;
}

export interface LaneGeometry {
  /** Horizontal room the labels may use. */
  minX: number;
  maxX: number;
  /** Bottom edge of lane 0 (just above the plot); lanes stack upwards. */
  baseline: number;
  laneHeight: number;
  /** Inner padding around the text, and the least space between two labels in one lane. */
  padX: number;
  gap: number;
}

/**
 * Greedy lanes: markers in date order, each label in the lowest lane where its box meets no other.
 * A label hangs to the right of its line, or to the left when it would run off the right edge.
 */
export function placeLabels(markers: readonly { x: number; width: number }[], g: LaneGeometry): MarkerPlacement[] {
  const order = markers.map((m, index) => ({ ...m, index })).sort((a, b) => a.x - b.x || a.index - b.index);
  const lanes: Box[][] = [];
  const out: MarkerPlacement[] = [];
  for (const m of order) {
    const w = m.width + 2 * g.padX;
    let left = m.x - g.padX;
    if (left + w > g.maxX) left = m.x + g.padX - w;
    left = Math.max(g.minX, Math.min(left, g.maxX - w));
    const right = left + w;
    let lane = lanes.findIndex((boxes) => boxes.every((b) => b.right + g.gap <= left || right + g.gap <= b.left));
    if (lane < 0) lane = lanes.push([]) - 1;
    const bottom = g.baseline - lane * g.laneHeight;
    const box = { left, right, top: bottom - g.laneHeight + 4, bottom };
    lanes[lane]!.push(box);
    out.push({ index: m.index, x: m.x, lane, box });
  }
  return out.sort((a, b) => a.index - b.index);
}

export const intersects = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
