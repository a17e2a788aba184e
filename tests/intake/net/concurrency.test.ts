import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../../src/intake/net/index.ts';

describe('mapLimit', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimit([50, 10, 30, 5, 20, 15, 1, 40], 3, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(ms);
      running--;
      return `${i}:${ms}`;
    });
    expect(results).toEqual(['0:50', '1:10', '2:30', '3:5', '4:20', '5:15', '6:1', '7:40']);
    expect(peak).toBe(3);
  });

  it('one slow item holds one slot: the rest finish around it', async () => {
    const finishedAt: number[] = [];
    const started = performance.now();
    await mapLimit([600, 20, 20, 20, 20, 20, 20, 20, 20, 20], 2, async (ms, i) => {
      await sleep(ms);
      finishedAt[i] = performance.now() - started;
    });
    // Nine quick items share the one free slot: all done long before the slow one.
    expect(Math.max(...finishedAt.slice(1))).toBeLessThan(400);
    expect(finishedAt[0]).toBeGreaterThanOrEqual(590);
  });

  it('stops starting new items after a failure and rethrows the first error', async () => {
    const started: number[] = [];
    const err = await mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await sleep(10);
      if (n === 2) throw new Error('boom 2');
      return n;
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('boom 2');
    expect(started.length).toBeLessThan(6);
  });

  it('handles an empty list and silly limits', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
    expect(await mapLimit([1, 2], 0, async (n) => n * 2)).toEqual([2, 4]);
  });
});
