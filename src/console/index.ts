// The local console: type a slash command, read the answer the bots would give. Reads a pipe line by
// line too, so it can be scripted: `printf '/csto status armenia\n' | npm run cli -- console`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Caller } from '../../commands/types.ts';
import type { Dispatcher } from '../dispatch.ts';
import type { Action, Form, Outcome, ReplyFile, SubmitOutcome } from '../reply.ts';
import { renderForm, renderFormErrors, renderReply, type TerminalStyle } from './render.ts';

export interface ConsoleIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  style: TerminalStyle;
  /** Where pictures (charts) are written; default: blocwatch-charts under the OS temp dir. */
  filesDir?: string;
}

const HELP = `Type a slash command, for example:
  /csto status armenia
  /csto status armenia as_of:2023-06-01
  /timeline belarus from:2024-01 bloc:sco
  /search ambassador
  /event show 12
  /chart membership sco        (writes the picture to a file and prints its path)
Add "help" after a command for its usage (/timeline help). Type a button's number to press it.
Lines starting with # are ignored. Ctrl-D or "exit" quits.`;

export async function runConsole(dispatcher: Dispatcher, io: ConsoleIo): Promise<void> {
  // Whoever runs the console has the database file in hand: an editor and admin by construction.
  const caller: Caller = {
    platform: 'console',
    userId: safeUser(),
    isEditor: true,
    isSpaceAdmin: true,
    spaceId: 'local',
    channelId: 'console',
  };
  const rl = createInterface({ input: io.input, output: io.interactive ? io.output : undefined, terminal: io.interactive });
  const lines = rl[Symbol.asyncIterator]();
  const write = (s: string) => io.output.write(`${s}\n`);
  const prompt = () => {
    if (io.interactive) {
      rl.setPrompt('blocwatch> ');
      rl.prompt();
    }
  };
  let actions: Action[] = [];

  const show = async (outcome: Outcome | SubmitOutcome): Promise<void> => {
    if (outcome.kind === 'reply') {
      write(renderReply(outcome, io.style));
      for (const path of saveFiles(outcome.files, io.filesDir)) write(`Picture: ${path}`);
      actions = outcome.actions ?? [];
    } else if (outcome.kind === 'form') {
      await fillForm(outcome);
    } else {
      write(renderFormErrors(outcome, io.style));
      actions = [];
    }
  };

  const fillForm = async (form: Form): Promise<void> => {
    write(renderForm(form, io.style));
    const values: Record<string, string> = {};
    for (const field of form.fields) {
      if (io.interactive) {
        rl.setPrompt(`${field.label}: `);
        rl.prompt();
      }
      const next = await lines.next();
      if (next.done) return;
      // In a paragraph field, "\n" typed literally stands for a line break.
      const typed = field.style === 'paragraph' ? next.value.replace(/\\n/g, '\n') : next.value;
      values[field.id] = typed.trim() === '' && field.value ? field.value : typed;
    }
    await show(await dispatcher.submitForm(form.id, values, caller));
  };

  if (io.interactive) write(HELP);
  prompt();
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = next.value.trim();
    if (!line || line.startsWith('#')) {
      prompt();
      continue;
    }
    if (line === 'exit' || line === 'quit') break;
    if (line === 'help' || line === '/help') write(HELP);
    else if (/^\d{1,2}$/.test(line)) {
      const action = actions[Number(line) - 1];
      if (!action || action.disabled) write('No such button on the last answer.');
      else await show(await dispatcher.runAction(action.id, caller));
    } else {
      const m = /^\/?(\S+)\s*([\s\S]*)$/.exec(line)!;
      await show(await dispatcher.runText(m[1]!, m[2]!, caller));
    }
    write('');
    prompt();
  }
  rl.close();
}

/** A terminal shows no pictures: each file goes to disk, and its path is printed. */
function saveFiles(files: ReplyFile[] | undefined, dir = join(tmpdir(), 'blocwatch-charts')): string[] {
  if (!files?.length) return [];
  mkdirSync(dir, { recursive: true });
  return files.map((f) => {
    const path = join(dir, basename(f.name));
    writeFileSync(path, f.bytes);
    return path;
  });
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}
