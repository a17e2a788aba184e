// The interaction core shared by every adapter: find the command, check who may run it, validate the
// options, run the handler, and turn every failure into a clear private reply.
import type { z } from 'zod';
import type { Access, Caller, ChannelAccess, CommandDef, Handler, HandlerContext } from '../commands/types.ts';
import type { Core } from './core.ts';
import { ConflictError, NotFoundError } from './domain/event-record.ts';
import type { Choice } from './domain/entities.ts';
import { parseCommandText, usage } from './grammar.ts';
import type { Logger } from './log.ts';
import { AnswerCache } from './answer-cache.ts';
import { reply, type Outcome, type Reply, type SubmitOutcome } from './reply.ts';
import type { InteractionOutcome } from './store/metrics.ts';
import { StoreUnavailableError } from './store/sql.ts';

export const EDITOR_REFUSAL =
  "Only editors can change the shared dataset that every server and workspace reads, and your account is not one of them (a server's own admin rights do not make editors). The bot's operator names the editors.";
export const SPACE_ADMIN_REFUSAL =
  "Only this server's or workspace's admins can manage its digests and alerts. On Discord that means Manage Server, Administrator or a role in DISCORD_ADMIN_ROLE_IDS; on Slack, a user in SLACK_ADMIN_USER_IDS or an editor.";
const NO_EDITORS: Record<Caller['platform'], string> = {
  discord:
    'No editors are named for Discord yet, so nobody can change the shared dataset from here. The bot operator names them with DISCORD_EDITOR_USER_IDS (user ids), or with DISCORD_EDITOR_GUILD_ID and DISCORD_EDITOR_ROLE_IDS (roles on the home server), then restarts the bot.',
  slack:
    'No editors are named for Slack yet, so nobody can change the shared dataset from here. The bot operator lists their user ids in SLACK_EDITOR_USER_IDS, then restarts the bot.',
  console: EDITOR_REFUSAL,
};

/** The refusal for a caller without the access a handler needs, or undefined when they have it. */
export function refusal(access: Access, caller: Caller): Reply | undefined {
  if (access === 'editor' && !caller.isEditor)
    return reply.error(caller.editorsNamed === false ? NO_EDITORS[caller.platform] : EDITOR_REFUSAL);
  if (access === 'space_admin' && !caller.isSpaceAdmin) return reply.error(SPACE_ADMIN_REFUSAL);
  return undefined;
}

export class Dispatcher {
  private readonly byName: Map<string, CommandDef>;
  private readonly cache: AnswerCache | undefined;

  constructor(
    readonly core: Core,
    readonly commands: readonly CommandDef[],
    private readonly log?: Logger,
    /** The bench turns the answer cache off to time the handlers themselves. */
    opts: { answerCache?: boolean; channels?: ChannelAccess } = {},
  ) {
    this.byName = new Map(commands.map((c) => [c.name, c]));
    this.cache = opts.answerCache === false ? undefined : new AnswerCache(core.sql);
    this.channels = opts.channels;
  }

  private readonly channels: ChannelAccess | undefined;

  private context(caller: Caller): HandlerContext {
    return this.channels ? { core: this.core, caller, channels: this.channels } : { core: this.core, caller };
  }

  command(name: string): CommandDef | undefined {
    return this.byName.get(name.replace(/^\//, '').toLowerCase());
  }

  handler(def: CommandDef, subcommand?: string): Handler | undefined {
    return def.subcommands ? def.subcommands.find((s) => s.name === subcommand) : def.handler;
  }

  usageReply(def: CommandDef, subcommand?: string, problem?: string): Reply {
    const u = usage(def, subcommand);
    const answer: Reply = {
      kind: 'reply',
      visibility: 'private',
      tone: problem ? 'warning' : 'info',
      title: `How to use /${def.name}${subcommand ? ` ${subcommand}` : ''}`,
      blocks: [
        ...(problem ? [{ type: 'text' as const, text: problem }] : []),
        { type: 'list', items: u.lines.map((l) => [{ code: l.split(': ')[0]! }, `: ${l.split(': ').slice(1).join(': ')}`]) },
        ...(u.examples.length ? [{ type: 'note' as const, text: `Examples: ${u.examples.join(' · ')}` }] : []),
      ],
    };
    if (problem) INVALID.add(answer);
    return answer;
  }

  /** Text from the console or Slack: '/timeline belarus from:2024-01'. */
  async runText(name: string, text: string, caller: Caller): Promise<Outcome> {
    const def = this.command(name);
    if (!def)
      return reply.error(`There is no /${name.replace(/^\//, '')} command. Try ${this.commands.map((c) => `/${c.name}`).join(', ')}.`);
    const parsed = parseCommandText(def, text);
    if (!parsed.ok) return this.usageReply(def, parsed.subcommand, parsed.error);
    if (parsed.help) return this.usageReply(def, parsed.subcommand);
    return this.runCommand(def.name, parsed.subcommand, parsed.options, caller);
  }

  /** Structured options (Discord) or parsed text: one path from here on. */
  async runCommand(name: string, subcommand: string | undefined, raw: Record<string, unknown>, caller: Caller): Promise<Outcome> {
    const def = this.command(name);
    if (!def) return reply.error(`There is no /${name} command.`);
    const handler = this.handler(def, subcommand);
    if (!handler)
      return this.usageReply(def, undefined, subcommand ? `"${subcommand}" is not a /${def.name} subcommand.` : 'Say what to do.');
    const refused = refusal(handler.access, caller);
    if (refused) return refused;
    const parsed = (handler.schema as z.ZodType).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      // Name the option unless the message already begins with it ("country is required").
      const name = issue.path.length ? String(issue.path[0]) : '';
      const field = name && !issue.message.startsWith(name) ? `${name}: ` : '';
      return this.usageReply(def, def.subcommands ? handler.name : undefined, `${field}${issue.message}`);
    }
    const run = () => this.guard(() => handler.run(parsed.data, this.context(caller)), { command: def.name, subcommand });
    if (!handler.cached || !this.cache) return run();
    return this.cache.get(cacheKey(caller, this.core, def.name, subcommand ?? '', JSON.stringify(parsed.data)), run);
  }

  /** A button press; its state is all in the id. */
  async runAction(id: string, caller: Caller): Promise<Outcome> {
    const state = parseStateId(id);
    if (!state) return reply.error('That button is not valid. Run the command again.');
    const { name, verb, args } = state;
    const action = this.command(name)?.actions?.[verb];
    if (!action) return reply.error('That button is no longer valid. Run the command again.');
    const refused = refusal(action.access, caller);
    if (refused) return refused;
    const run = () => this.guard(() => action.run(args, this.context(caller)), { action: id });
    return action.cached && this.cache ? this.cache.get(cacheKey(caller, this.core, 'action', id), run) : run();
  }

  async submitForm(id: string, values: Record<string, unknown>, caller: Caller): Promise<SubmitOutcome> {
    const state = parseStateId(id);
    if (!state) return reply.error('That form is not valid. Run the command again.');
    const { name, verb, args } = state;
    const form = this.command(name)?.forms?.[verb];
    if (!form) return reply.error('That form is no longer valid. Run the command again.');
    const refused = refusal(form.access, caller);
    if (refused) return refused;
    return this.guard(() => form.run(args, values, this.context(caller)), { form: id });
  }

  /** Autocomplete for an option declared with `autocomplete`. */
  complete(name: string, subcommand: string | undefined, option: string, typed: string): Choice[] {
    const def = this.command(name);
    const opt = def && this.handler(def, subcommand)?.options.find((o) => o.name === option);
    if (!opt?.autocomplete) return [];
    const kind = opt.autocomplete === 'entity' ? undefined : opt.autocomplete;
    // Comma lists ('armenia, bel') complete their last item.
    const parts = typed.split(',');
    const last = parts.pop() ?? '';
    const head = parts.map((p) => p.trim()).filter(Boolean);
    const choices = this.core.entities.complete(last, kind, 25);
    if (!head.length) return choices;
    return choices
      .map((c) => ({ name: [...head, c.name].join(', ').slice(0, 100), value: [...head, c.value].join(',') }))
      .filter((c) => c.value.length <= 100);
  }

  private async guard<T extends Outcome | SubmitOutcome>(fn: () => T | Promise<T>, where: Record<string, unknown>): Promise<T | Reply> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof NotFoundError || err instanceof ConflictError) return reply.error(err.message);
      // The database is out of reach for now (PostgreSQL restarting, the network): nothing was written
      // (a transaction cut off before its commit is rolled back), and trying again shortly will do.
      const unavailable = err instanceof StoreUnavailableError;
      if (unavailable) this.log?.warn({ err: err.message, ...where }, 'database unavailable; asked the user to try again');
      else this.log?.error({ err, ...where }, 'handler failed');
      const failed = reply.error(
        unavailable
          ? 'The database is not answering right now, so nothing was changed. Please try again in a minute.'
          : 'Something went wrong on our side and nothing was changed. The error has been logged; please try again.',
      );
      FAILED.add(failed);
      return failed;
    }
  }
}

/**
 * The grammar of every button and form id we hand out: '<command>:<verb>[:<args…>]', at most
 * STATE_ID_MAX characters (Discord's custom_id limit), with no control or format characters. Anything
 * else was not made by us, and is refused without being echoed.
 */
const STATE_ID_MAX = 100;
const STATE_ID = /^([a-z][a-z0-9_-]{0,31}):([a-z][a-z0-9_-]{0,31})(?::([^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*))?$/u;

export function parseStateId(id: unknown): { name: string; verb: string; args: string[] } | undefined {
  if (typeof id !== 'string' || id.length > STATE_ID_MAX) return undefined;
  const m = STATE_ID.exec(id);
  if (!m) return undefined;
  return { name: m[1]!, verb: m[2]!, args: m[3] === undefined ? [] : m[3].split(':') };
}

/** What a cached answer may depend on besides the stored data: the question, the role flags, the day. */
function cacheKey(caller: Caller, core: Core, ...question: string[]): string {
  const roles = `${caller.isEditor ? 'E' : '-'}${caller.isSpaceAdmin ? 'A' : '-'}`;
  return [roles, core.now().toISOString().slice(0, 10), ...question].join('\u0000');
}

// Metering: how each interaction ended and how long its answer took, reported to core.metrics. The
// dispatcher marks the answers whose meaning its tone does not tell: usage shown for a problem, failures.
const INVALID = new WeakSet<object>();
const FAILED = new WeakSet<object>();

export function outcomeOf(o: Outcome | SubmitOutcome): InteractionOutcome {
  if (o.kind === 'form') return 'ok';
  if (o.kind === 'form_errors' || INVALID.has(o)) return 'invalid';
  if (FAILED.has(o)) return 'failed';
  return o.tone === 'error' ? 'rejected' : 'ok';
}

/** The dispatcher the running bot uses: every command, button press and form submit is counted and timed. */
export class MeteredDispatcher extends Dispatcher {
  /** Answers already counted by runCommand, so that runText, which calls it, does not count them twice. */
  private readonly counted = new WeakSet<object>();

  override async runText(...args: Parameters<Dispatcher['runText']>): Promise<Outcome> {
    const started = performance.now();
    const answer = await super.runText(...args);
    if (!this.counted.has(answer)) this.record(args[2], args[0], answer, started);
    return answer;
  }

  override async runCommand(...args: Parameters<Dispatcher['runCommand']>): Promise<Outcome> {
    const started = performance.now();
    const answer = await super.runCommand(...args);
    this.record(args[3], args[0], answer, started);
    this.counted.add(answer);
    return answer;
  }

  override async runAction(...args: Parameters<Dispatcher['runAction']>): Promise<Outcome> {
    const started = performance.now();
    const answer = await super.runAction(...args);
    this.record(args[1], String(args[0]).split(':')[0]!, answer, started);
    return answer;
  }

  override async submitForm(...args: Parameters<Dispatcher['submitForm']>): Promise<SubmitOutcome> {
    const started = performance.now();
    const answer = await super.submitForm(...args);
    this.record(args[2], String(args[0]).split(':')[0]!, answer, started);
    return answer;
  }

  private record(caller: Caller, name: string, answer: Outcome | SubmitOutcome, started: number): void {
    // Label values come from our own command list, never from what was typed.
    const command = this.command(name)?.name ?? 'unknown';
    this.core.metrics.interaction(caller.platform, command, outcomeOf(answer), (performance.now() - started) / 1000);
  }
}
