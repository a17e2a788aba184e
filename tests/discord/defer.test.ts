// An answer slower than the 3-second window is deferred at once and delivered by editing the original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { Dispatcher } from '../../src/dispatch.ts';
import { DiscordInteractions } from '../../src/discord/interactions.ts';
import { DiscordRest } from '../../src/discord/rest.ts';
import { memoryCore } from '../helpers.ts';
import { chatInput, startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { silent, visible } from './setup.ts';

class SlowDispatcher extends Dispatcher {
  override async runCommand(...args: Parameters<Dispatcher['runCommand']>) {
    await new Promise((r) => setTimeout(r, 300));
    return super.runCommand(...args);
  }
}

let fake: DiscordFake;
beforeAll(async () => {
  fake = await startDiscordFake();
});
afterAll(async () => {
  await fake?.close();
});

describe('deferred answers', () => {
  it('defers, then edits the original message with the answer', async () => {
    const rest = new DiscordRest({ apiUrl: fake.apiUrl, token: fake.token });
    const interactions = new DiscordInteractions({
      dispatcher: new SlowDispatcher(memoryCore(), COMMANDS),
      rest,
      applicationId: fake.applicationId,
      adminRoleIds: [],
      log: silent,
      deferAfterMs: 50,
    });
    const payload = chatInput({ name: 'csto', subcommand: 'status', options: { country: 'belarus' } });
    const i = fake.expectInteraction(payload);
    const started = Date.now();
    await interactions.handle(payload as any, async (body) => {
      expect(Date.now() - started).toBeLessThan(250);
      await rest.request('POST', `/interactions/${payload.id}/${payload.token}/callback`, body, { auth: false });
    });
    expect(i.callback!.type).toBe(5);
    expect(visible(i.original)).toContain('Belarus in the CSTO');
    expect(fake.violations).toEqual([]);
  });
});
