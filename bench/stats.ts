// Timing helpers for the benches: medians and tails from many samples, measured in the same run as
// their baseline so that ratios stay meaningful on a noisy shared machine.
export interface Stats {
  n: number;
  median: number;
  p99: number;
  mean: number;
}

export function stats(samplesMs: number[]): Stats {
  const s = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { n: s.length, median: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

export async function sample(fn: () => unknown, iterations: number, warmup = Math.min(200, iterations)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/** Interleaves two measurements so that machine noise hits both alike. */
export async function paired(a: () => unknown, b: () => unknown, iterations: number): Promise<[number[], number[]]> {
  const ra: number[] = [];
  const rb: number[] = [];
  for (let i = 0; i < 200; i++) {
    await a();
    await b();
  }
  for (let i = 0; i < iterations; i++) {
    let t = process.hrtime.bigint();
    await a();
    ra.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    await b();
    rb.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return [ra, rb];
}

export const ms = (x: number) => `${x < 1 ? x.toFixed(3) : x.toFixed(2)} ms`;
