// The chart's one typeface, DejaVu Sans from the dejavu-fonts-ttf package, registered under a family name
// of our own. System fonts are never consulted, so a picture is the same bytes on every machine.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadCanvas } from './canvas.ts';

export const CHART_FONT = 'blocwatch-chart-sans';
export const CHART_FONT_BOLD = 'blocwatch-chart-sans-bold';

let registered = false;

/** Registers the bundled fonts once per process; throws if the package's files are missing. */
export function ensureChartFonts(): void {
  if (registered) return;
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  for (const [file, family] of [
    ['DejaVuSans.ttf', CHART_FONT],
    ['DejaVuSans-Bold.ttf', CHART_FONT_BOLD],
  ] as const) {
    if (!loadCanvas().GlobalFonts.registerFromPath(join(dir, file), family))
      throw new Error(`could not register the chart font ${join(dir, file)}`);
  }
  registered = true;
}

/** A canvas font string in the bundled family: never falls back to whatever the system has. */
export const font = (px: number, bold = false) => `${px}px ${bold ? CHART_FONT_BOLD : CHART_FONT}`;
