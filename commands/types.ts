// What a command is, independent of any chat platform. Adapters read these definitions to register
// slash commands (Discord), write the app manifest (Slack) and parse text (console, Slack).
import type { z } from 'zod';
import type { Core } from '../src/core.ts';
import type { Platform } from '../src/domain/platform.ts';
import type { Form, Outcome, Reply, SubmitOutcome } from '../src/reply.ts';

export type { Platform };

export interface Caller {
  platform: Platform;
  userId: string;
  displayName?: string;
  /**
   * May change the one shared dataset (events, sources, drafts). Decided by the adapter from what the
   * platform signed: Discord's home-guild roles or named users, Slack's named users; the console is one.
   */
  isEditor: boolean;
  /** May manage this server's or workspace's digests (and nothing beyond that space). */
  isSpaceAdmin: boolean;
  /** False when the operator named no editors for this platform: refusals then say how to name them. */
  editorsNamed?: boolean;
  /** Guild or workspace, and the channel the command was typed in. */
  spaceId?: string;
  channelId?: string;
}

export type OptionType = 'string' | 'integer' | 'channel';

export interface OptionDef {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  /** Autocomplete from the entity index. */
  autocomplete?: 'country' | 'bloc' | 'entity';
  choices?: readonly { name: string; value: string }[];
  /** Other keys accepted in text: `at:08:00` for `time`. */
  aliases?: readonly string[];
  /** In text, this option takes every remaining positional word (search queries). */
  rest?: boolean;
  /** Text is only accepted as key:value, never positionally. */
  namedOnly?: boolean;
  maxLength?: number;
  minValue?: number;
  /** How the value looks in usage lines: <country>, <YYYY-MM-DD>. */
  hint?: string;
}

/** Who may run a handler: anyone, an editor of the shared dataset, or an admin of the caller's space. */
export type Access = 'anyone' | 'editor' | 'space_admin';

export interface Handler<O = unknown> {
  name: string;
  description: string;
  access: Access;
  options: readonly OptionDef[];
  /** Validates and types the raw options (strings from text, strings/numbers from Discord). */
  schema: z.ZodType<O>;
  /** Shown in usage, e.g. 'armenia as_of:2023-06-01'. */
  examples: readonly string[];
  /**
   * The answer depends only on the options, the caller's role flags, today's date and the stored data,
   * never on who asks or where (the caller's role flags are part of the cache key): it may be served from the answer cache until the data changes.
   */
  cached?: boolean;
  run(options: O, ctx: HandlerContext): Outcome | Promise<Outcome>;
}

export interface HandlerContext {
  core: Core;
  caller: Caller;
  /** Asks the platform whether the bot may post in a channel; absent where no platform sender runs. */
  channels?: ChannelAccess;
}

/** The platforms' answer to "may the bot post here?", handed to the dispatcher by the composition root. */
export interface ChannelAccess {
  /** Why the bot cannot post in the channel, or undefined when it can. Throws when the platform could not be asked. */
  cannotPost(platform: Platform, channelId: string, spaceId: string): Promise<string | undefined>;
}

export interface ActionHandler {
  access: Access;
  /** As Handler.cached: the answer depends only on the button's state, the role flags, the date and the data. */
  cached?: boolean;
  run(args: string[], ctx: HandlerContext): Outcome | Promise<Outcome>;
}

export interface FormHandler {
  access: Access;
  /** Handles a submitted form: the answer, or the form's errors (adapters reopen the form with them). */
  /**
   * Values arrive as the platform sent them: a forged submission may carry a number, null or an array
   * where text belongs, so every form checks each value's type on its field.
   */
  run(args: string[], values: Record<string, unknown>, ctx: HandlerContext): SubmitOutcome | Promise<SubmitOutcome>;
}

export interface CommandDef {
  name: string;
  description: string;
  /**
   * Discord's default_member_permissions can only be set per command, not per subcommand; when true the
   * command is shown to members with Manage Server only (server admins can widen it). The handler checks
   * access again either way.
   */
  adminByDefault: boolean;
  /** A command is either one handler or a set of subcommands. */
  handler?: Handler<any>;
  subcommands?: readonly Handler<any>[];
  /** Button presses, keyed by the verb in Action.id ('<command>:<verb>:…'). */
  actions?: Readonly<Record<string, ActionHandler>>;
  /** Form submissions, keyed by the verb in Form.id. */
  forms?: Readonly<Record<string, FormHandler>>;
}

export type { Form, Reply };
