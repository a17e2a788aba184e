import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { loadConfig } from '../../src/config.ts';
import { commandJson } from '../../src/discord/commands-json.ts';
import { registerCommands } from '../../src/discord/register.ts';
import { startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { failOnViolations } from '../fakes/violations.ts';

let fake: DiscordFake;
failOnViolations(() => fake);
beforeAll(async () => {
  fake = await startDiscordFake();
});
afterAll(async () => {
  await fake?.close();
});

describe('register-commands', () => {
  it('builds command JSON Discord accepts, with admin defaults on event and digest', async () => {
    const json = COMMANDS.map(commandJson);
    expect(json.map((c) => c.name)).toEqual(['csto', 'timeline', 'search', 'event', 'digest', 'alert', 'chart', 'source', 'review']);
    expect(json.find((c) => c.name === 'event')!.default_member_permissions).toBeNull();
    expect(json.find((c) => c.name === 'digest')!.default_member_permissions).toBe('32');
    expect(json.find((c) => c.name === 'alert')!.default_member_permissions).toBe('32');
    expect(json.find((c) => c.name === 'csto')!.default_member_permissions).toBeNull();
    expect(json.find((c) => c.name === 'review')!.default_member_permissions).toBeNull();
    expect(json.find((c) => c.name === 'source')!.default_member_permissions).toBeNull();
    const timeline = json.find((c) => c.name === 'timeline')!.options as any[];
    expect(timeline[0]).toMatchObject({ name: 'country', required: true, autocomplete: true });
  });

  it('PUTs to one guild, then globally, reporting what changed', async () => {
    const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });
    const first = await registerCommands(config, { guild: '900000000000000001' });
    expect(first).toContain('Registered 9 commands for guild 900000000000000001');
    expect(first).toMatch(/added\s+\/csto/);
    const again = await registerCommands(config, { guild: '900000000000000001' });
    expect(again).toMatch(/same\s+\/csto/);
    expect(again).not.toMatch(/added|changed/);
    // A command edited on Discord's side (an older version of the bot, say) is reported as changed.
    fake.commands.get('900000000000000001')!.find((c: any) => c.name === 'search').description = 'Old text';
    expect(await registerCommands(config, { guild: '900000000000000001' })).toMatch(/changed\s+\/search/);
    const global = await registerCommands(config, {});
    expect(global).toContain('every server');
    expect(fake.commands.get('global')!.length).toBe(9);
    expect(fake.violations).toEqual([]);
  });
});
