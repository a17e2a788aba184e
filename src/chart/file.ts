// `blocwatch chart …`: a chart written to a PNG file, for scripts and for looking at it without a chat.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Core } from '../core.ts';
import type { EntityKind } from '../domain/types.ts';
import { describeMiss } from '../domain/entities.ts';
import { chartsOf } from './index.ts';

export class ChartFileError extends Error {
  override name = 'ChartFileError';
}

/** Draws the chart of a bloc or a country and writes it; returns the path written. */
export async function writeChartFile(core: Core, kind: EntityKind, input: string, out?: string): Promise<string> {
  const found = core.entities.resolve(input, kind);
  if (!found.ok) throw new ChartFileError(describeMiss(found, kind));
  const { entity } = found;
  const chart = await (kind === 'bloc' ? chartsOf(core).bloc(entity.id) : chartsOf(core).country(entity.id));
  if (!chart) throw new ChartFileError(`${entity.name} has no membership history to draw.`);
  const path = resolve(out ?? join(tmpdir(), 'blocwatch-charts', `${entity.id}-${kind === 'bloc' ? 'membership' : 'blocs'}.png`));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, chart.png);
  return path;
}
