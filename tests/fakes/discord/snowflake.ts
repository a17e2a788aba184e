// Discord ids are snowflakes: milliseconds since the Discord epoch shifted left 22 bits, then worker,
// process and a counter. Message ids come from the stand-in's clock so that `before`/`after` paging and
// "messages since" lookups mean what they mean on Discord.
export const DISCORD_EPOCH_MS = 1420070400000;

/** The smallest snowflake of a moment: what a client sends as `after` for "since then". */
export function snowflakeAt(ms: number): bigint {
  return BigInt(Math.max(0, Math.floor(ms) - DISCORD_EPOCH_MS)) << 22n;
}

/** When a snowflake was made, in epoch ms. */
export function timeOfSnowflake(id: string | bigint): number {
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH_MS;
}

/** Ids from a clock, strictly increasing even when the clock stands still or is set back. */
export class SnowflakeMint {
  private last = 0n;
  constructor(private readonly now: () => number) {}
  next(): string {
    let id = snowflakeAt(this.now());
    if (id <= this.last) id = this.last + 1n;
    this.last = id;
    return String(id);
  }
}
