// An answer slower than the 3-second window is deferred at once and delivered by editing the original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { Dispatcher } from '../../src/dispatch.ts';
import { DiscordInteractions } from '../../src/discord/interactions.ts';
import { DiscordRest } from '../../src/discord/rest.ts';
import { memoryCore } from '../helpers.ts';
import { chatInput, startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { silent, visible } from './setup.ts';
import { failOnViolations } from '../fakes/violations.ts';

/** Answers every command with more text than one Discord message holds. */
class LongDispatcher extends Dispatcher {
  override async runCommand() {
    const events = Array.from({ length: 12 }, (_, n) => ({
      id: 1000 + n,
      date: '1 Jan 2021',
      title: `Long entry ${n}`,
      kind: 'other' as const,
      summary: `${'text '.repeat(280)}end-${n}`,
      tags: ['Armenia'],
      sources: [{ url: `https://example.org/${n}`, publisher: `Publisher ${n}` }],
    }));
    return {
      kind: 'reply' as const,
      visibility: 'public' as const,
      tone: 'info' as const,
      title: 'Long answer',
      blocks: [{ type: 'events' as const, events }],
      footer: 'the end',
    };
  }
}

class SlowDispatcher extends Dispatcher {
  override async runCommand(...args: Parameters<Dispatcher['runCommand']>) {
    await new Promise((r) => setTimeout(r, 300));
    return super.runCommand(...args);
  }
}

let fake: DiscordFake;
failOnViolations(() => fake);
beforeAll(async () => {
  fake = await startDiscordFake();
});
afterAll(async () => {
  await fake?.close();
});

describe('deferred answers', () => {
  async function slowInteractions() {
    const rest = new DiscordRest({ apiUrl: fake.apiUrl, token: fake.token });
    const interactions = new DiscordInteractions({
      dispatcher: new SlowDispatcher(await memoryCore(), COMMANDS),
      rest,
      applicationId: fake.applicationId,
      authority: { editorRoleIds: [], editorUserIds: [], adminRoleIds: [] },
      log: silent,
      deferAfterMs: 50,
    });
    return async (payload: any) => {
      const i = fake.expectInteraction(payload);
      const started = Date.now();
      await interactions.handle(payload, async (body) => {
        expect(Date.now() - started).toBeLessThan(250);
        await rest.request('POST', `/interactions/${payload.id}/${payload.token}/callback`, body, { auth: false });
      });
      return i;
    };
  }

  it('defers a question publicly, then edits the original message with the answer', async () => {
    const run = await slowInteractions();
    const i = await run(chatInput({ name: 'csto', subcommand: 'status', options: { country: 'belarus' } }));
    expect(i.callback!.type).toBe(5);
    expect((i.callback!.data?.flags ?? 0) & 64).toBe(0);
    expect(visible(i.original)).toContain('Belarus in the CSTO');
    expect((i.original!.flags ?? 0) & 64).toBe(0);
    expect(fake.violations).toEqual([]);
  });

  it('a late private answer to a public deferral removes the placeholder and answers privately', async () => {
    const run = await slowInteractions();
    const i = await run(chatInput({ name: 'csto', subcommand: 'status', options: { country: 'atlantis' } }));
    expect(i.callback!.type).toBe(5);
    expect(i.original).toBeUndefined();
    expect(i.followUps).toHaveLength(1);
    expect(i.followUps[0]!.flags! & 64).toBe(64);
    expect(visible(i.followUps[0])).toContain('atlantis');
    expect(fake.violations).toEqual([]);
  });

  it('defers an admin action privately', async () => {
    const run = await slowInteractions();
    const i = await run(chatInput({ name: 'event', subcommand: 'delete', options: { id: 1 } }));
    expect(i.callback!.data?.flags & 64).toBe(64);
    expect(i.original!.flags! & 64).toBe(64);
    expect(visible(i.original)).toContain('No editors are named for Discord');
    expect(fake.violations).toEqual([]);
  });

  it('sends what does not fit one message as follow-ups, in order, losing nothing', async () => {
    const rest = new DiscordRest({ apiUrl: fake.apiUrl, token: fake.token });
    const interactions = new DiscordInteractions({
      dispatcher: new LongDispatcher(await memoryCore(), COMMANDS),
      rest,
      applicationId: fake.applicationId,
      authority: { editorRoleIds: [], editorUserIds: [], adminRoleIds: [] },
      log: silent,
    });
    const payload: any = chatInput({ name: 'csto', subcommand: 'status' });
    const i = fake.expectInteraction(payload);
    await interactions.handle(payload, (body) =>
      rest.request('POST', `/interactions/${payload.id}/${payload.token}/callback`, body, { auth: false }),
    );
    expect(i.callback!.type).toBe(4);
    expect(i.followUps.length).toBeGreaterThan(0);
    const all = [i.original, ...i.followUps].map(visible).join('\n');
    for (let n = 0; n < 12; n++) expect(all).toContain(`end-${n}`);
    expect(all.indexOf('end-0')).toBeLessThan(all.indexOf('end-11'));
    for (const m of [i.original, ...i.followUps]) expect(m!.allowed_mentions).toEqual({ parse: [] });
    expect(fake.violations).toEqual([]);
  });
});
