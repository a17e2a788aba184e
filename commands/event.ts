// /event add · edit <id> · delete <id> · restore <id> · show <id> · history <id>: editors add and
// correct events through a form; anyone may look one up and read its history.
import * as z from 'zod';
import type { EventKind } from '../src/domain/types.ts';
import { formatDay, formatPartialDate } from '../src/domain/dates.ts';
import { EVENT_KINDS, LIMITS, validateEvent, type EventField } from '../src/domain/event-input.ts';
import { ConflictError, type EventRecord } from '../src/domain/event-record.ts';
import { reply, type Field, type Form, type FormErrors, type Reply } from '../src/reply.ts';
import { importReply } from './event-import.ts';
import { history, historyPage } from './event-history.ts';
import { eventId, KIND_LABELS, requiredText, toItem } from './shared.ts';
import type { CommandDef, Handler, HandlerContext } from './types.ts';

const KIND_CHOICES = EVENT_KINDS.map((k) => ({ name: KIND_LABELS[k], value: k }));
const kindOption = {
  name: 'kind',
  description: 'What kind of event (default: other; edit keeps the current kind)',
  type: 'string',
  choices: KIND_CHOICES,
  namedOnly: true,
  hint: '<kind>',
} as const;
const kindSchema = z
  .string()
  .optional()
  .transform(
    (v) =>
      v
        ?.trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_') || undefined,
  )
  .refine((v) => v === undefined || (EVENT_KINDS as readonly string[]).includes(v), `kind must be one of ${EVENT_KINDS.join(', ')}`)
  .transform((v) => v as EventKind | undefined);

export const FORM_FIELDS: {
  id: EventField;
  label: string;
  style: 'short' | 'paragraph';
  maxLength: number;
  minLength?: number;
  placeholder: string;
  hint?: string;
}[] = [
  {
    id: 'title',
    label: 'Title',
    style: 'short',
    minLength: LIMITS.titleMin,
    maxLength: LIMITS.titleMax,
    placeholder: 'Pashinyan: Armenia has frozen its CSTO participation',
  },
  { id: 'date', label: 'Date (YYYY, YYYY-MM or YYYY-MM-DD)', style: 'short', maxLength: 10, placeholder: '2024-02-22' },
  {
    id: 'countries',
    label: 'Countries and blocs (comma-separated)',
    style: 'short',
    maxLength: 1000,
    placeholder: 'Armenia, Russia, CSTO',
  },
  {
    id: 'summary',
    label: 'Summary',
    style: 'paragraph',
    maxLength: LIMITS.summaryMax,
    placeholder: 'What happened, in two or three neutral sentences.',
  },
  // Room for every source an event may hold, so that an edit form never opens with a cut URL.
  {
    id: 'sources',
    label: 'Source URLs (one per line)',
    style: 'paragraph',
    maxLength: LIMITS.sourcesMax * (LIMITS.urlMax + 1),
    placeholder: 'https://oc-media.org/…',
  },
];

export function eventForm(id: string, title: string, submitLabel: string, values: Partial<Record<EventField, string>> = {}): Form {
  return {
    kind: 'form',
    id,
    title,
    submitLabel,
    fields: FORM_FIELDS.map((f) => ({
      id: f.id,
      label: f.label,
      style: f.style,
      required: f.id !== 'summary',
      minLength: f.minLength,
      maxLength: f.maxLength,
      placeholder: f.placeholder,
      value: values[f.id] || undefined,
    })),
  };
}

const formValues = (e: EventRecord): Record<EventField, string> => ({
  title: e.title,
  date: e.date.text,
  countries: [...e.countries, ...e.blocs].map((x) => x.name).join(', '),
  summary: e.summary,
  sources: e.sources.map((s) => s.url).join('\n'),
});

function details(e: EventRecord): Reply {
  const fields: Field[] = [
    { label: 'Date', value: formatPartialDate(e.date), inline: true },
    { label: 'Kind', value: KIND_LABELS[e.kind], inline: true },
    { label: 'Countries', value: e.countries.map((c) => c.name).join(', ') || '—', inline: true },
  ];
  if (e.blocs.length) fields.push({ label: 'Blocs', value: e.blocs.map((b) => b.name).join(', '), inline: true });
  fields.push(
    { label: 'Sources', value: e.sources.flatMap((s, i) => [...(i ? ['\n'] : []), { link: s.url, text: s.publisher }]) },
    {
      label: 'Recorded',
      value: `${formatDay(e.createdAt.slice(0, 10))} · revision ${e.revision}${e.revision > 1 ? `, last changed ${formatDay(e.updatedAt.slice(0, 10))}` : ''}`,
      inline: true,
    },
  );
  return {
    ...reply.public(`#${e.id} · ${e.title}`, [
      ...(e.summary ? [{ type: 'text' as const, text: e.summary }] : []),
      { type: 'fields', fields },
    ]),
    footer: `/timeline ${e.countries[0]?.id ?? ''} for context`,
  };
}

export async function submitted(
  ctx: HandlerContext,
  form: Form,
  values: Record<string, unknown>,
  kind: EventKind,
  save: (v: ReturnType<typeof validateEvent> & { ok: true }) => Promise<EventRecord>,
  verb: string,
): Promise<Reply | FormErrors> {
  // A text input only ever holds text: a number, null or list here is a forged submission, refused on its field.
  const wrongType = FORM_FIELDS.filter((f) => values[f.id] !== undefined && typeof values[f.id] !== 'string');
  const typed = Object.fromEntries(FORM_FIELDS.map((f) => [f.id, typeof values[f.id] === 'string' ? values[f.id] : ''])) as Record<
    EventField,
    string
  >;
  const keepTyped = (errors: FormErrors['errors']): FormErrors => ({
    kind: 'form_errors',
    form: { ...form, fields: form.fields.map((f) => ({ ...f, value: typed[f.id as EventField] || undefined })) },
    errors,
  });
  if (wrongType.length) return keepTyped(Object.fromEntries(wrongType.map((f) => [f.id, `${f.label.split(' (')[0]} must be text.`])));
  const result = validateEvent({ ...typed, kind }, ctx.core.entities, ctx.core.now());
  if (!result.ok) {
    const { kind: kindError, ...errors } = result.errors;
    if (kindError) return reply.error(kindError);
    return keepTyped(errors);
  }
  let event: EventRecord;
  try {
    event = await save(result);
  } catch (err) {
    // Someone saved the event after this form opened: keep the form, and what was typed, in front of
    // the admin instead of closing it on an error.
    if (err instanceof ConflictError)
      return keepTyped({ title: `${err.message} Copy what you typed, close this form and run /event edit again.` });
    throw err;
  }
  return {
    ...reply.private(`Event #${event.id} ${verb}`, [{ type: 'events', events: [toItem(event)] }], { tone: 'success' }),
    footer: `It shows in /timeline ${event.countries[0]!.id} and in the next digests · /event edit ${event.id} to correct it`,
  };
}

const add: Handler<{ kind?: EventKind }> = {
  name: 'add',
  description: 'Add an event through a form',
  access: 'editor',
  options: [kindOption],
  schema: z.object({ kind: kindSchema }),
  examples: ['', 'kind:status_change'],
  run: (o) => eventForm(`event:add:${o.kind ?? 'other'}`, 'Add event', 'Add'),
};

const edit: Handler<{ id: number; kind?: EventKind }> = {
  name: 'edit',
  description: 'Correct an event: the form opens with its current text',
  access: 'editor',
  options: [
    { name: 'id', description: 'Event number, as shown: #12', type: 'integer', required: true, minValue: 1, hint: '<id>' },
    kindOption,
  ],
  schema: z.object({ id: eventId, kind: kindSchema }),
  examples: ['12', '12 kind:statement'],
  async run(o, ctx) {
    const e = await ctx.core.events.get(o.id);
    if (!e) return reply.error(`No event #${o.id}. Find its number with /search or /timeline.`);
    return eventForm(`event:edit:${e.id}:${e.revision}:${o.kind ?? e.kind}`, `Edit event #${e.id}`.slice(0, 24), 'Save', formValues(e));
  },
};

const del: Handler<{ id: number }> = {
  name: 'delete',
  description: 'Delete an event (asks to confirm)',
  access: 'editor',
  options: [{ name: 'id', description: 'Event number, as shown: #12', type: 'integer', required: true, minValue: 1, hint: '<id>' }],
  schema: z.object({ id: eventId }),
  examples: ['12'],
  async run(o, ctx) {
    const e = await ctx.core.events.get(o.id);
    if (!e) return reply.error(`No event #${o.id}. Find its number with /search or /timeline.`);
    return {
      ...reply.private(
        `Delete event #${e.id}?`,
        [
          { type: 'events', events: [toItem(e)] },
          { type: 'text', text: 'It disappears from timelines, search and digests. The audit log keeps a copy.' },
        ],
        {
          tone: 'warning',
        },
      ),
      actions: [
        { id: `event:delete:${e.id}:${e.revision}`, label: `Delete #${e.id}`, style: 'danger' },
        { id: 'event:cancel', label: 'Cancel', style: 'secondary' },
      ],
    };
  },
};

const restore: Handler<{ id: number }> = {
  name: 'restore',
  description: 'Bring back a deleted event',
  access: 'editor',
  options: [{ name: 'id', description: 'Event number, as shown: #12', type: 'integer', required: true, minValue: 1, hint: '<id>' }],
  schema: z.object({ id: eventId }),
  examples: ['12'],
  async run(o, ctx) {
    const e = await ctx.core.events.restore(o.id, `${ctx.caller.platform}:${ctx.caller.userId}`, ctx.core.now());
    return reply.private(`Event #${e.id} restored`, [{ type: 'events', events: [toItem(e)] }], { tone: 'success' });
  },
};

const show: Handler<{ id: number }> = {
  name: 'show',
  description: 'One event in full, with its sources',
  access: 'anyone',
  cached: true,
  options: [{ name: 'id', description: 'Event number, as shown: #12', type: 'integer', required: true, minValue: 1, hint: '<id>' }],
  schema: z.object({ id: eventId }),
  examples: ['12'],
  async run(o, ctx) {
    const e = await ctx.core.events.get(o.id);
    return e ? details(e) : reply.error(`No event #${o.id}. Find its number with /search or /timeline.`);
  },
};

const importArticle: Handler<{ url: string }> = {
  name: 'import',
  description: 'Read one news article now and make it a draft for review',
  access: 'editor',
  options: [{ name: 'url', description: 'The article address (https://…)', type: 'string', required: true, maxLength: 500, hint: '<url>' }],
  schema: z.object({ url: requiredText('url', 500) }),
  examples: ['https://oc-media.org/some-article/'],
  run: (o, ctx) => importReply(ctx, o.url),
};

const parseKind = (s: string | undefined): EventKind | undefined =>
  (EVENT_KINDS as readonly string[]).includes(s ?? '') ? (s as EventKind) : undefined;

export const event: CommandDef = {
  name: 'event',
  description: 'Look up an event and its history; editors add, correct and delete them',
  // Visible to all: show and history are for anyone, and editors need not hold Manage Server.
  adminByDefault: false,
  subcommands: [add, edit, del, restore, show, history, importArticle],
  actions: {
    history: historyPage,
    delete: {
      access: 'editor',
      async run([id, revision], ctx) {
        const n = Number(id);
        const gone = await ctx.core.events.delete(n, `${ctx.caller.platform}:${ctx.caller.userId}`, ctx.core.now(), Number(revision));
        return reply.private(
          `Event #${gone.id} deleted`,
          [{ type: 'text', text: `"${gone.title}" no longer shows in timelines, search or digests.` }],
          {
            tone: 'success',
            replaceOriginal: true,
          },
        );
      },
    },
    cancel: {
      access: 'anyone',
      run: () => reply.private(undefined, [{ type: 'text', text: 'Cancelled; nothing was deleted.' }], { replaceOriginal: true }),
    },
  },
  forms: {
    add: {
      access: 'editor',
      run([kind], values, ctx) {
        const k = parseKind(kind) ?? 'other';
        const form = eventForm(`event:add:${k}`, 'Add event', 'Add');
        return submitted(
          ctx,
          form,
          values,
          k,
          (r) => ctx.core.events.add(r.value, `${ctx.caller.platform}:${ctx.caller.userId}`, ctx.core.now()),
          'added',
        );
      },
    },
    edit: {
      access: 'editor',
      run([id, revision, kind], values, ctx) {
        const n = Number(id);
        const k = parseKind(kind) ?? 'other';
        const form = eventForm(`event:edit:${n}:${revision}:${k}`, `Edit event #${n}`.slice(0, 24), 'Save');
        return submitted(
          ctx,
          form,
          values,
          k,
          async (r) => {
            // The form carries URLs only: a source kept from before keeps its curated publisher name.
            const before = new Map((await ctx.core.events.get(n))?.sources.map((s) => [s.url, s.publisher]));
            const sources = r.value.sources.map((s) => ({ ...s, publisher: before.get(s.url) ?? s.publisher }));
            return ctx.core.events.edit(
              n,
              { ...r.value, sources },
              `${ctx.caller.platform}:${ctx.caller.userId}`,
              ctx.core.now(),
              Number(revision),
            );
          },
          'updated',
        );
      },
    },
  },
};
