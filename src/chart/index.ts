// Charts for the commands: data from the stores, drawn once per (chart, dataset revision, day) and
// served from a small cache after that. One service per core, made on first use.
import type { Core } from '../core.ts';
import { LruCache } from './cache.ts';
import { blocChart, countryChart, type ChartData } from './data.ts';
import { renderChart } from './render.ts';

export interface RenderedChart {
  data: ChartData;
  png: Buffer;
}

export class ChartService {
  private readonly cache: LruCache<RenderedChart | null>;
  /** Renders actually drawn (cache misses); tests read it. */
  renders = 0;

  constructor(
    private readonly core: Core,
    maxEntries = 32,
  ) {
    this.cache = new LruCache(maxEntries);
  }

  /** A bloc's membership chart; undefined when the bloc has no membership history. */
  bloc(blocId: string): Promise<RenderedChart | undefined> {
    return this.cached(`bloc:${blocId}`, () => blocChart(this.core, blocId));
  }

  /** A country across blocs; undefined when it has no membership history. */
  country(countryId: string): Promise<RenderedChart | undefined> {
    return this.cached(`country:${countryId}`, () => countryChart(this.core, countryId));
  }

  private async cached(what: string, load: () => Promise<ChartData | undefined>): Promise<RenderedChart | undefined> {
    // The day is part of the key: bars that have not ended run to the newest data, never past today.
    const key = `${what}\u0000${(await this.core.published.revision()).tag}\u0000${this.core.now().toISOString().slice(0, 10)}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const data = await load();
    let rendered: RenderedChart | null = null;
    if (data) {
      this.renders++;
      rendered = { data, png: renderChart(data.input).png };
    }
    this.cache.set(key, rendered);
    return rendered ?? undefined;
  }
}

const services = new WeakMap<Core, ChartService>();

export function chartsOf(core: Core): ChartService {
  const known = services.get(core);
  if (known) return known;
  const made = new ChartService(core);
  services.set(core, made);
  return made;
}
