// The interaction core shared by every adapter: find the command, check who may run it, validate the
// options, run the handler, and turn every failure into a clear private reply.
import type { z } from 'zod';
import type { Caller, CommandDef, Handler } from '../commands/types.ts';
import type { Core } from './core.ts';
import { ConflictError, NotFoundError } from './domain/event-record.ts';
import type { Choice } from './domain/entities.ts';
import { parseCommandText, usage } from './grammar.ts';
import type { Logger } from './log.ts';
import { AnswerCache } from './answer-cache.ts';
import { reply, type Outcome, type Reply, type SubmitOutcome } from './reply.ts';

export const ADMIN_REFUSAL = 'Only admins can do that. On Discord that means Manage Server, Administrator or an admin role; on Slack, a user listed by the bot operator.';

export class Dispatcher {
  private readonly byName: Map<string, CommandDef>;
  private readonly cache: AnswerCache | undefined;

  constructor(
    readonly core: Core,
    readonly commands: readonly CommandDef[],
    private readonly log?: Logger,
    /** The bench turns the answer cache off to time the handlers themselves. */
    opts: { answerCache?: boolean } = {},
  ) {
    this.byName = new Map(commands.map((c) => [c.name, c]));
    this.cache = opts.answerCache === false ? undefined : new AnswerCache(core.db);
  }

  command(name: string): CommandDef | undefined {
    return this.byName.get(name.replace(/^\//, '').toLowerCase());
  }

  handler(def: CommandDef, subcommand?: string): Handler | undefined {
    return def.subcommands ? def.subcommands.find((s) => s.name === subcommand) : def.handler;
  }

  usageReply(def: CommandDef, subcommand?: string, problem?: string): Reply {
    const u = usage(def, subcommand);
    return {
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
  }

  /** Text from the console or Slack: '/timeline belarus from:2024-01'. */
  async runText(name: string, text: string, caller: Caller): Promise<Outcome> {
    const def = this.command(name);
    if (!def) return reply.error(`There is no /${name.replace(/^\//, '')} command. Try ${this.commands.map((c) => `/${c.name}`).join(', ')}.`);
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
    if (!handler) return this.usageReply(def, undefined, subcommand ? `"${subcommand}" is not a /${def.name} subcommand.` : 'Say what to do.');
    if (handler.access === 'admin' && !caller.isAdmin) return reply.error(ADMIN_REFUSAL);
    const parsed = (handler.schema as z.ZodType).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      // Name the option unless the message already begins with it ("country is required").
      const name = issue.path.length ? String(issue.path[0]) : '';
      const field = name && !issue.message.startsWith(name) ? `${name}: ` : '';
      return this.usageReply(def, def.subcommands ? handler.name : undefined, `${field}${issue.message}`);
    }
    const run = () => this.guard(() => handler.run(parsed.data, { core: this.core, caller }), { command: def.name, subcommand });
    if (!handler.cached || !this.cache) return run();
    return this.cache.get(cacheKey(caller, this.core, def.name, subcommand ?? '', JSON.stringify(parsed.data)), run);
  }

  /** A button press; its state is all in the id. */
  async runAction(id: string, caller: Caller): Promise<Outcome> {
    const [name = '', verb = '', ...args] = id.split(':');
    const action = this.command(name)?.actions?.[verb];
    if (!action) return reply.error('That button is no longer valid. Run the command again.');
    if (action.access === 'admin' && !caller.isAdmin) return reply.error(ADMIN_REFUSAL);
    const run = () => this.guard(() => action.run(args, { core: this.core, caller }), { action: id });
    return action.cached && this.cache ? this.cache.get(cacheKey(caller, this.core, 'action', id), run) : run();
  }

  async submitForm(id: string, values: Record<string, string>, caller: Caller): Promise<SubmitOutcome> {
    const [name = '', verb = '', ...args] = id.split(':');
    const form = this.command(name)?.forms?.[verb];
    if (!form) return reply.error('That form is no longer valid. Run the command again.');
    if (form.access === 'admin' && !caller.isAdmin) return reply.error(ADMIN_REFUSAL);
    return this.guard(() => form.run(args, values, { core: this.core, caller }), { form: id });
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
      this.log?.error({ err, ...where }, 'handler failed');
      return reply.error('Something went wrong on our side and nothing was changed. The error has been logged; please try again.');
    }
  }
}

/** What a cached answer may depend on besides the stored data: the question, the admin flag, the day. */
function cacheKey(caller: Caller, core: Core, ...question: string[]): string {
  return [caller.isAdmin ? 'admin' : 'member', core.now().toISOString().slice(0, 10), ...question].join('\u0000');
}
