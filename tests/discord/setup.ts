import { startApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { coreSettings, type Core } from '../../src/core.ts';
import { memoryCore, silent } from '../helpers.ts';
import {
  adminMember,
  generateInteractionKeys,
  startDiscordFake,
  type DiscordFake,
  type DiscordFakeOptions,
} from '../fakes/discord/index.ts';

export { silent };

export interface DiscordHarness {
  fake: DiscordFake;
  app: App;
  core: Core;
  keys: ReturnType<typeof generateInteractionKeys>;
  close(): Promise<void>;
}

/** The real app (Discord only) against the stand-in, in gateway or HTTP mode, on an in-memory database. */
export async function startDiscordApp(
  mode: 'gateway' | 'http',
  env: Record<string, string> = {},
  fakeOptions: DiscordFakeOptions = {},
): Promise<DiscordHarness> {
  const fake = await startDiscordFake(fakeOptions);
  const keys = generateInteractionKeys();
  const config = loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_INTERACTIONS: mode,
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    HTTP_PORT: '0',
    // The stand-in's admin member also edits the dataset, unless a test names editors itself.
    DISCORD_EDITOR_USER_IDS: adminMember.userId!,
    ...env,
  });
  // The settings a deployment's core gets from its environment (PUBLIC_URL's links among them).
  const core = await memoryCore(undefined, coreSettings(config));
  const app = await startApp(config, silent, { core });
  return {
    fake,
    app,
    core,
    keys,
    async close() {
      await app.stop();
      await fake.close();
    },
  };
}

/** All the visible text of a Discord message body, for assertions. */
export function visible(data: any): string {
  const embeds = (data?.embeds ?? []) as any[];
  return [
    data?.content ?? '',
    ...embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value]), e.footer?.text]),
  ]
    .filter(Boolean)
    .join('\n');
}
