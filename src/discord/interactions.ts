// The one interaction core for both Discord modes. It takes an interaction payload as Discord sends
// it (over the gateway or to the HTTP endpoint) and produces the interaction callback; the mode only
// decides how the callback travels. Nothing here keeps state in memory: button state is in custom_id
// and form drafts are in SQLite, so any process can answer any interaction.
import type { Caller } from '../../commands/types.ts';
import type { Dispatcher } from '../dispatch.ts';
import type { Logger } from '../log.ts';
import { reply, type Outcome, type Reply, type ReplyFile, type SubmitOutcome } from '../reply.ts';
import { EPHEMERAL, formErrorsReply, renderDiscord, renderDiscordModal, type DiscordMessage } from './render.ts';
import { editorsNamed, isDiscordEditor, isDiscordSpaceAdmin, type DiscordAuthority, type InteractionMember } from './auth.ts';
import { canAttach, fileMessage, multipartBody, type DiscordFileMessage } from './files.ts';
import type { DiscordRest } from './rest.ts';

export const InteractionType = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
export const Callback = { Pong: 1, Message: 4, Deferred: 5, DeferredUpdate: 6, Update: 7, Autocomplete: 8, Modal: 9 } as const;

/** Past this, an answer is deferred and delivered by editing the original (Discord allows 3 s). */
export const DEFER_AFTER_MS = 2000;
const DRAFT_PREFIX = 'discord-draft:';

interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOption[];
}

export interface InteractionPayload {
  id: string;
  application_id: string;
  type: number;
  token: string;
  guild_id?: string;
  channel_id?: string;
  channel?: { id: string };
  member?: InteractionMember & { user?: { id: string; username?: string; global_name?: string | null } };
  user?: { id: string; username?: string; global_name?: string | null };
  data?: {
    name?: string;
    options?: CommandOption[];
    custom_id?: string;
    components?: unknown[];
  };
}

export interface CallbackBody {
  type: number;
  data?: unknown;
}

export interface InteractionDeps {
  dispatcher: Dispatcher;
  rest: DiscordRest;
  applicationId: string;
  authority: DiscordAuthority;
  log: Logger;
  deferAfterMs?: number;
}

export class DiscordInteractions {
  constructor(private readonly deps: InteractionDeps) {}

  /**
   * Answers one interaction. `send` delivers the callback (an HTTP response, or a REST call); it is
   * called exactly once, within DEFER_AFTER_MS. Follow-up messages and deferred edits go over REST.
   */
  async handle(i: InteractionPayload, send: (body: CallbackBody) => Promise<void>): Promise<void> {
    if (i.type === InteractionType.Ping) return send({ type: Callback.Pong });
    // Autocomplete cannot be deferred, and needs no deferral: it is answered from the alias index.
    if (i.type === InteractionType.Autocomplete) {
      const answered = await this.answer(i).catch((err: unknown) => {
        this.deps.log.warn({ err, interaction: i.id }, 'discord autocomplete failed');
        return { callback: { type: Callback.Autocomplete, data: { choices: [] } } };
      });
      return send(answered.callback);
    }
    const work = this.answer(i).catch((err: unknown): Answer => {
      this.deps.log.error({ err, interaction: i.id }, 'discord interaction failed');
      return {
        callback: message(
          Callback.Message,
          renderDiscord(reply.error('Something went wrong on our side; nothing was changed. Please try again.'))[0]!,
        ),
      };
    });
    let timeout: NodeJS.Timeout | undefined;
    const timer = new Promise<'defer'>((r) => {
      timeout = setTimeout(r, this.deps.deferAfterMs ?? DEFER_AFTER_MS, 'defer');
    });
    const first = await Promise.race([work, timer]);
    clearTimeout(timeout);
    // Files cannot ride in the first answer over HTTP: defer, then put them on the original by REST.
    if (first !== 'defer' && first.upload) {
      await send({ type: Callback.Deferred });
      return this.upload(i, first);
    }
    if (first !== 'defer') {
      await send(first.callback);
      await this.followUps(i, first.followUps);
      return;
    }
    // Too slow for the 3-second window: acknowledge now, then edit the original with the answer.
    // Discord fixes a deferred message's visibility at the deferral, so guess it from the command:
    // questions answer publicly, admin actions and forms privately.
    const component = i.type === InteractionType.Component;
    const deferredPrivately = !component && this.answersPrivately(i);
    await send({
      type: component ? Callback.DeferredUpdate : Callback.Deferred,
      data: deferredPrivately ? { flags: EPHEMERAL } : undefined,
    });
    const late = await work;
    if (late.upload && !component && !deferredPrivately) return this.upload(i, late);
    const data = late.callback.data as DiscordMessage | undefined;
    const original = `/webhooks/${this.deps.applicationId}/${i.token}/messages/@original`;
    if (late.callback.type !== Callback.Message && late.callback.type !== Callback.Update) {
      await this.deps.rest.request(
        'PATCH',
        original,
        {
          content: 'That took too long to open a form; please run the command again.',
          allowed_mentions: { parse: [] },
        },
        { auth: false },
      );
    } else if (!component && !deferredPrivately && data?.flags !== undefined && (data.flags & EPHEMERAL) !== 0) {
      // A private answer (an error, usage) after a public deferral: remove the public placeholder and
      // answer privately instead, so that nobody else sees it.
      await this.deps.rest.request('DELETE', original, undefined, { auth: false });
      await this.followUps(i, [data]);
    } else {
      await this.deps.rest.request('PATCH', original, data, { auth: false });
    }
    await this.followUps(i, late.followUps);
  }

  /** Whether a command's answer will be private: editor and admin subcommands, and modal submissions. */
  private answersPrivately(i: InteractionPayload): boolean {
    if (i.type === InteractionType.ModalSubmit) return true;
    const d = this.deps.dispatcher;
    const def = d.command(i.data?.name ?? '');
    return def !== undefined && (d.handler(def, flatten(i.data?.options).sub)?.access ?? 'anyone') !== 'anyone';
  }

  /** The answer's files on the deferred original; if Discord refuses them, the answer as text. */
  private async upload(i: InteractionPayload, a: Answer): Promise<void> {
    const original = `/webhooks/${this.deps.applicationId}/${i.token}/messages/@original`;
    try {
      await this.deps.rest.request('PATCH', original, multipartBody(a.upload!.message, a.upload!.files), { auth: false });
      return;
    } catch (err) {
      this.deps.log.warn({ err, interaction: i.id }, 'discord file upload refused; answering with text');
    }
    await this.deps.rest.request('PATCH', original, a.callback.data, { auth: false });
    await this.followUps(i, a.followUps);
  }

  private async followUps(i: InteractionPayload, messages: DiscordMessage[] | undefined): Promise<void> {
    for (const m of messages ?? []) {
      await this.deps.rest.request('POST', `/webhooks/${this.deps.applicationId}/${i.token}`, m, { auth: false });
    }
  }

  caller(i: InteractionPayload): Caller {
    const user = i.member?.user ?? i.user;
    const who = { guildId: i.guild_id, userId: user?.id, member: i.guild_id ? i.member : undefined };
    const authority = this.deps.authority;
    return {
      platform: 'discord',
      userId: user?.id ?? 'unknown',
      displayName: user?.global_name ?? user?.username,
      isEditor: isDiscordEditor(who, authority),
      isSpaceAdmin: isDiscordSpaceAdmin(who, authority),
      editorsNamed: editorsNamed(authority),
      spaceId: i.guild_id,
      channelId: i.channel_id ?? i.channel?.id,
    };
  }

  private async answer(i: InteractionPayload): Promise<Answer> {
    const d = this.deps.dispatcher;
    const caller = this.caller(i);
    switch (i.type) {
      case InteractionType.Command: {
        const { sub, options } = flatten(i.data?.options);
        return fromOutcome(await d.runCommand(i.data?.name ?? '', sub, options, caller), false);
      }
      case InteractionType.Autocomplete: {
        const { sub, options, focused } = flatten(i.data?.options);
        const choices = focused ? d.complete(i.data?.name ?? '', sub, focused, String(options[focused] ?? '')) : [];
        return { callback: { type: Callback.Autocomplete, data: { choices: choices.slice(0, 25) } } };
      }
      case InteractionType.Component: {
        const id = i.data?.custom_id ?? '';
        if (id.startsWith(DRAFT_PREFIX)) return await this.reopenDraft(id.slice(DRAFT_PREFIX.length), caller);
        return fromOutcome(await d.runAction(id, caller), true);
      }
      case InteractionType.ModalSubmit: {
        const outcome = await d.submitForm(i.data?.custom_id ?? '', modalValues(i.data?.components), caller);
        if (outcome.kind === 'form_errors') {
          const draftId = await this.saveDraft(outcome, caller);
          return fromOutcome(formErrorsReply(outcome, `${DRAFT_PREFIX}${draftId}`), false);
        }
        return fromOutcome(outcome, false);
      }
      default:
        return { callback: message(Callback.Message, renderDiscord(reply.error('This kind of interaction is not supported.'))[0]!) };
    }
  }

  private saveDraft(fe: Extract<SubmitOutcome, { kind: 'form_errors' }>, caller: Caller): Promise<number> {
    const core = this.deps.dispatcher.core;
    return core.formDrafts.save(fe.form, caller.userId, core.now());
  }

  private async reopenDraft(id: string, caller: Caller): Promise<Answer> {
    if (!/^\d{1,12}$/.test(id)) return fromOutcome(reply.error('That button is not valid. Run the command again.'), false);
    const form = await this.deps.dispatcher.core.formDrafts.find(Number(id), caller.userId);
    if (!form)
      return fromOutcome(
        reply.error('That draft is gone (drafts last a day, for the person who typed them). Run the command again.'),
        false,
      );
    return { callback: { type: Callback.Modal, data: renderDiscordModal(form) } };
  }
}

interface Answer {
  callback: CallbackBody;
  followUps?: DiscordMessage[];
  /** Files to attach to the original answer; callback and followUps are its text form. */
  upload?: { message: DiscordFileMessage; files: ReplyFile[] };
}

function message(type: number, m: DiscordMessage): CallbackBody {
  return { type, data: m };
}

function fromOutcome(o: Outcome | Reply, fromComponent: boolean): Answer {
  if (o.kind === 'form') return { callback: { type: Callback.Modal, data: renderDiscordModal(o) } };
  const [first, ...rest] = renderDiscord(o);
  // A button press that pages updates its own message; anything else answers with a new one.
  const type = fromComponent && o.replaceOriginal ? Callback.Update : Callback.Message;
  if (type === Callback.Update) {
    const { flags: _flags, ...update } = first!;
    return { callback: message(type, update), followUps: rest };
  }
  const upload =
    !fromComponent && o.visibility === 'public' && canAttach(o.files) ? { message: fileMessage(o, o.files), files: o.files } : undefined;
  return { callback: message(type, first!), followUps: rest, upload };
}

/** Subcommand name and a flat option map from Discord's nested options. */
export function flatten(options: CommandOption[] | undefined): { sub?: string; options: Record<string, unknown>; focused?: string } {
  let list = options ?? [];
  let sub: string | undefined;
  const group = list.find((o) => o.type === 2);
  if (group) list = group.options ?? [];
  const subOpt = list.find((o) => o.type === 1);
  if (subOpt) {
    sub = subOpt.name;
    list = subOpt.options ?? [];
  }
  const out: Record<string, unknown> = {};
  let focused: string | undefined;
  for (const o of list) {
    out[o.name] = typeof o.value === 'number' && o.type !== 4 && o.type !== 10 ? String(o.value) : o.value;
    if (o.focused) focused = o.name;
  }
  return { sub, options: out, focused };
}

/** Text input values from a modal submission: Label-wrapped (type 18) or in action rows (type 1). */
export function modalValues(components: unknown[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Discord nests inputs two levels deep at most; a deeper tree is not one of our modals.
  const visit = (c: unknown, depth: number) => {
    if (!c || typeof c !== 'object' || depth > 4) return;
    const node = c as { type?: unknown; custom_id?: unknown; value?: unknown; component?: unknown; components?: unknown };
    // Values are passed on as sent (the form checks their type on each field); a missing one is empty.
    if (node.type === 4 && typeof node.custom_id === 'string' && node.custom_id)
      out[node.custom_id] = node.value === undefined ? '' : node.value;
    if (node.component) visit(node.component, depth + 1);
    if (Array.isArray(node.components)) for (const child of node.components) visit(child, depth + 1);
  };
  if (Array.isArray(components)) for (const c of components) visit(c, 0);
  return out;
}
