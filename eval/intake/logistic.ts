// Plain logistic regression by gradient descent with an L2 penalty: enough for a dozen features and a
// few thousand examples, and small enough to read. Positive examples may weigh more (pairs of one
// story are rare among all pairs).
export interface Fit {
  bias: number;
  weights: number[];
}

export function fitLogistic(
  x: number[][],
  y: number[],
  opts: { l2?: number; epochs?: number; rate?: number; positiveWeight?: number; sampleWeights?: number[] } = {},
): Fit {
  const { l2 = 0.01, epochs = 4000, rate = 0.5, positiveWeight = 1, sampleWeights } = opts;
  const d = x[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const weightOf = (i: number) => (y[i] ? positiveWeight : 1) * (sampleWeights?.[i] ?? 1);
  const total = y.reduce((n, _v, i) => n + weightOf(i), 0);
  for (let e = 0; e < epochs; e++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < x.length; i++) {
      let z = b;
      for (let k = 0; k < d; k++) z += w[k]! * x[i]![k]!;
      const p = 1 / (1 + Math.exp(-z));
      const weight = weightOf(i);
      const err = (p - y[i]!) * weight;
      for (let k = 0; k < d; k++) gw[k]! += err * x[i]![k]!;
      gb += err;
    }
    for (let k = 0; k < d; k++) w[k] = w[k]! - rate * (gw[k]! / total + l2 * w[k]!);
    b -= rate * (gb / total);
  }
  return { bias: b, weights: w };
}

export const round = (v: number) => Math.round(v * 1000) / 1000;
