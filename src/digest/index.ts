import type { AppContext, Running } from '../platform.ts';

/** Starts the digest scheduler. */
export async function startDigests(_ctx: AppContext): Promise<Running | undefined> {
  return undefined;
}
