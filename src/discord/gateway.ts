// Gateway mode: a discord.js client holds the gateway connection (and reconnects by itself); every
// INTERACTION_CREATE goes to the same interaction core as HTTP mode, and its callback is sent over REST.
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Logger } from '../log.ts';
import type { DiscordInteractions } from './interactions.ts';
import { parseInteraction } from './payload.ts';
import type { DiscordRest } from './rest.ts';

export interface GatewayOptions {
  token: string;
  apiUrl?: string;
  interactions: DiscordInteractions;
  rest: DiscordRest;
  log: Logger;
}

export async function startGateway(o: GatewayOptions): Promise<Client> {
  // Interactions arrive without any intent; Guilds is the minimum discord.js needs to track its guilds.
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: o.apiUrl ? { api: o.apiUrl } : {} });
  client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
    if (packet.t !== 'INTERACTION_CREATE') return;
    const parsed = parseInteraction(packet.d);
    if (!parsed.ok) {
      // Nothing to answer: without an id and token of the right shape there is no callback to send.
      // discord.js would build its own Interaction from this same packet right after this listener and
      // throw where nothing catches it; renamed, the packet is one it has no handler for.
      packet.t = 'INTERACTION_CREATE_REFUSED';
      o.log.warn({ problem: parsed.problem }, 'discord: malformed interaction ignored');
      return;
    }
    const i = parsed.interaction;
    o.interactions
      .handle(i, (body) => o.rest.request('POST', `/interactions/${i.id}/${i.token}/callback`, body, { auth: false }).then(() => undefined))
      .catch((err: unknown) => o.log.error({ err, interaction: i.id }, 'discord interaction failed'));
  });
  client.on(Events.Error, (err) => o.log.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shard) => o.log.warn({ code: event.code, shard }, 'discord gateway disconnected'));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(o.token);
  await ready;
  o.log.info({ user: client.user?.tag }, 'discord gateway ready');
  return client;
}
