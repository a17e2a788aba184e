// Chart bench: the membership chart of the largest bloc (data → PNG bytes), next to a bare canvas of
// the same size filled with one colour and encoded to PNG (the floor any PNG of that size costs), plus
// the cached path a repeated /chart takes (revision probe and LRU lookup).
import { createCanvas } from '@napi-rs/canvas';
import { chartsOf } from '../src/chart/index.ts';
import { blocChart } from '../src/chart/data.ts';
import { renderChart } from '../src/chart/render.ts';
import { createCore } from '../src/core.ts';
import { openSqlite } from '../src/store/sqlite.ts';
import { ms, paired, sample, stats } from './stats.ts';

const ITER = Number(process.env.BENCH_CHART_ITER ?? 60);

export async function benchChart(): Promise<void> {
  const core = await createCore(openSqlite(':memory:'));
  // The largest bloc: the tallest picture (rows plus lanes of event labels).
  const largest = (await Promise.all(core.entities.list('bloc').map((b) => blocChart(core, b.id))))
    .filter((d) => d !== undefined)
    .map((d) => ({ ...d, height: renderChart(d.input).layout.height }))
    .sort((a, b) => b.height - a.height)[0]!;
  const { width, height } = renderChart(largest.input).layout;
  const bare = createCanvas(width, height);
  const ctx = bare.getContext('2d');
  const baseline = () => {
    ctx.fillStyle = '#fbfaf7';
    ctx.fillRect(0, 0, width, height);
    return bare.encodeSync('png');
  };
  const [chart, floor] = await paired(() => renderChart(largest.input), baseline, ITER);
  const s = stats(chart);
  const b = stats(floor);
  const charts = chartsOf(core);
  await charts.bloc('csto');
  const cached = stats(await sample(() => charts.bloc('csto'), ITER * 10));
  console.log(
    `chart: "${largest.input.title}", ${largest.input.rows.length} rows, ${largest.input.markers.length} markers, ${width}x${height}`,
  );
  console.log(`  render (data → PNG)      median ${ms(s.median)}  p99 ${ms(s.p99)}  (target ≤ 50 ms)`);
  console.log(`  bare fill + PNG encode   median ${ms(b.median)}  p99 ${ms(b.p99)}`);
  console.log(`  ratio render / bare      ${(s.median / b.median).toFixed(2)}x`);
  console.log(`  cached /chart lookup     median ${ms(cached.median)}  p99 ${ms(cached.p99)}`);
  await core.close();
}
