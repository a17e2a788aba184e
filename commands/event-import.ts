// /event import <url>: one article read now into a draft, answered with its review card.
import { draftCard } from '../src/intake/pipeline/card.ts';
import { intakeOf } from '../src/intake/pipeline/index.ts';
import { FetchFailure } from '../src/intake/net/failure.ts';
import { reply, type Reply } from '../src/reply.ts';
import type { HandlerContext } from './types.ts';

export async function importReply(ctx: HandlerContext, raw: string): Promise<Reply> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return reply.error(`"${raw.slice(0, 80)}" is not a web address; give the article's full address, starting with https://`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return reply.error('Only http and https articles can be read.');
  const intake = await intakeOf(ctx.core);
  let outcome: Awaited<ReturnType<typeof intake.importUrl>>;
  try {
    outcome = await intake.importUrl(url.href, `${ctx.caller.platform}:${ctx.caller.userId}`);
  } catch (err) {
    if (err instanceof FetchFailure) return reply.error(`Could not read ${url.href}: ${err.message}. Nothing was drafted.`);
    throw err;
  }
  switch (outcome.kind) {
    case 'irrelevant':
      return reply.error(`${url.href} does not mention a tracked country or bloc (or holds no readable article), so nothing was drafted.`);
    case 'duplicate':
      return outcome.draft
        ? draftCard(ctx.core, outcome.draft, { footer: `This article is already in draft #${outcome.draft.id}.` })
        : reply.error('That article was just drafted by another request; see /review.');
    case 'merged':
      return draftCard(ctx.core, outcome.draft, {
        footer: `The same story was already drafted: the article was added to draft #${outcome.draft.id} as a further source.`,
      });
    case 'drafted':
      return draftCard(ctx.core, outcome.draft, {
        footer: `Draft #${outcome.draft.id} made. Nothing is published until an editor approves it.`,
      });
  }
}
