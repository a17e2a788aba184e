import type { AppContext, Running } from '../platform.ts';

/** Starts Discord in the configured mode (gateway or HTTP interactions). */
export async function startDiscord(_ctx: AppContext): Promise<Running> {
  throw new Error('Discord support is not built yet');
}
