// Reply → Discord message bodies (embeds and buttons) within every Discord limit. Long answers become
// several messages; nothing is ever cut. Plain text is escaped so that stored event text cannot turn
// into markdown, links or mentions, and every message carries allowed_mentions: {parse: []}.
import type { Action, Block, EventItem, Form, FormErrors, Inline, LinkAction, Reply, Text, Tone } from '../reply.ts';
import { KIND_LABELS } from '../presentation/items.ts';
import { splitLong } from '../presentation/split.ts';
import { channelIdFor } from '../channels.ts';

export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  buttonsPerRow: 5,
  rows: 5,
  label: 80,
  modalTitle: 45,
  modalLabel: 45,
  placeholder: 100,
} as const;

/** Description budget per message, below 4096 so that title, fields and footer fit the 6000 total. */
const DESCRIPTION_BUDGET = 3900;
export const EPHEMERAL = 64;

export interface DiscordEmbed {
  title?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
}

export type DiscordButton =
  | {
      type: 2;
      style: 1 | 2 | 4;
      label: string;
      custom_id: string;
      disabled?: boolean;
    }
  /** A link button: Discord opens the URL and tells the bot nothing. */
  | { type: 2; style: 5; label: string; url: string };

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  components: { type: 1; components: DiscordButton[] }[];
  flags?: number;
  allowed_mentions: { parse: [] };
}

const COLORS: Record<Tone, number> = { info: 0x2b6cb0, success: 0x2f855a, warning: 0xd69e2e, error: 0xc53030 };

/** Escapes Discord markdown and neutralises mention-like text. */
export function escapeMarkdown(s: string): string {
  return (
    s
      // Emphasis, code, spoilers and link brackets anywhere; quote, heading and list markers at a line start.
      .replace(/[\\*_~`|[\]]/g, (c) => `\\${c}`)
      .replace(/^(\s*)([>#-]|\d+\.)/gm, (_, sp: string, c: string) => `${sp}\\${c}`)
      .replace(/@(everyone|here)/g, '@\u200b$1')
      .replace(/<([@#][!&]?\d+|:\w+:\d+)>/g, '<\u200b$1>')
  );
}

const safeUrl = (url: string) => url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));

function inline(p: Inline): string {
  if (typeof p === 'string') return escapeMarkdown(p);
  if ('bold' in p) return `**${escapeMarkdown(p.bold)}**`;
  if ('italic' in p) return `*${escapeMarkdown(p.italic)}*`;
  if ('code' in p) return `\`${p.code.replace(/`/g, 'ˋ')}\``;
  if ('channel' in p) return channelIdFor('discord', p.channel) === p.channel ? `<#${p.channel}>` : escapeMarkdown(`#${p.channel}`);
  return `[${escapeMarkdown(p.text)}](${safeUrl(p.link)})`;
}

export const text = (t: Text): string => (typeof t === 'string' ? escapeMarkdown(t) : t.map(inline).join(''));

function eventText(e: EventItem): string {
  const mark = e.mark === 'new' ? '🆕 ' : e.mark === 'corrected' ? '✏️ Corrected: ' : e.mark === 'deleted' ? '🗑️ Removed: ' : '';
  const lines = [`**${escapeMarkdown(e.date)}** · ${KIND_LABELS[e.kind]} · #${e.id}`, `${mark}**${escapeMarkdown(e.title)}**`];
  if (e.summary) lines.push(escapeMarkdown(e.summary));
  if (e.excerpt) lines.push(`> ${text(e.excerpt)}`);
  const sources = e.sources.map((s) => `[${escapeMarkdown(s.publisher)}](${safeUrl(s.url)})`).join(' · ');
  const tags = e.tags.length ? escapeMarkdown(e.tags.join(', ')) : '';
  lines.push([sources && `Source: ${sources}`, tags].filter(Boolean).join(' — '));
  return lines.join('\n');
}

/** Each block as one or more description paragraphs; fields are kept apart to become embed fields. */
function paragraphs(b: Block): string[] {
  switch (b.type) {
    case 'heading':
      return [`### ${escapeMarkdown(b.text)}`];
    case 'text':
      return [text(b.text)];
    case 'note':
      return [`-# ${text(b.text)}`];
    case 'divider':
      return ['───'];
    case 'list':
      return [b.items.map((i) => `• ${text(i)}`).join('\n')];
    case 'events':
      return b.events.map(eventText);
    case 'fields':
      return [b.fields.map((f) => `**${escapeMarkdown(f.label)}:** ${text(f.value)}`).join('\n')];
  }
}

function buttons(actions: Action[] | undefined, links: LinkAction[] | undefined): DiscordMessage['components'] {
  const all: DiscordButton[] = [
    ...(actions ?? []).map(
      (a): DiscordButton => ({
        type: 2,
        style: a.style === 'primary' ? 1 : a.style === 'danger' ? 4 : 2,
        label: a.label.slice(0, DISCORD_LIMITS.label),
        custom_id: a.id,
        ...(a.disabled ? { disabled: true } : {}),
      }),
    ),
    ...(links ?? []).map((l): DiscordButton => ({ type: 2, style: 5, label: l.label.slice(0, DISCORD_LIMITS.label), url: l.url })),
  ];
  const rows: DiscordMessage['components'] = [];
  for (let i = 0; i < all.length && rows.length < DISCORD_LIMITS.rows; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({ type: 1, components: all.slice(i, i + DISCORD_LIMITS.buttonsPerRow) });
  }
  return rows;
}

const drawn = new WeakMap<Reply, readonly DiscordMessage[]>();

/**
 * Draws a Reply as Discord messages. Replies served from the answer cache are the same object each
 * time, so their drawing is kept with them; callers must treat the messages as read-only.
 */
export function renderDiscord(r: Reply): readonly DiscordMessage[] {
  let messages = drawn.get(r);
  if (!messages) {
    messages = draw(r);
    drawn.set(r, messages);
  }
  return messages;
}

function draw(r: Reply): DiscordMessage[] {
  const title = r.title ? clipTitle(r.title) : undefined;
  // Fields blocks become real embed fields when they fit; otherwise they are drawn as text.
  const fieldsBlock = r.blocks.find((b): b is Extract<Block, { type: 'fields' }> => b.type === 'fields');
  const embedFields =
    fieldsBlock && fieldsBlock.fields.length <= DISCORD_LIMITS.fields
      ? fieldsBlock.fields.map((f) => ({ name: escapeMarkdown(f.label), value: text(f.value), inline: f.inline ?? false }))
      : undefined;
  const fieldsFit = embedFields?.every(
    (f) => f.name.length <= DISCORD_LIMITS.fieldName && f.value.length <= DISCORD_LIMITS.fieldValue && f.value.length > 0,
  );
  const useFields = Boolean(fieldsFit && embedFields && embedFields.reduce((n, f) => n + f.name.length + f.value.length, 0) <= 1500);

  const paras = r.blocks
    .filter((b) => !(useFields && b === fieldsBlock))
    .flatMap(paragraphs)
    .flatMap((p) => splitLong(p, DESCRIPTION_BUDGET));
  const descriptions: string[] = [];
  let current = '';
  for (const p of paras) {
    const next = current ? `${current}\n\n${p}` : p;
    if (next.length > DESCRIPTION_BUDGET && current) {
      descriptions.push(current);
      current = p;
    } else current = next;
  }
  if (current || descriptions.length === 0) descriptions.push(current);

  const flags = r.visibility === 'private' ? EPHEMERAL : undefined;
  return descriptions.map((description, i) => {
    const first = i === 0;
    const last = i === descriptions.length - 1;
    const embed: DiscordEmbed = { color: COLORS[r.tone] };
    if (first && title) embed.title = title;
    if (!first && title) embed.title = clipTitle(`${r.title} (continued)`);
    if (description) embed.description = description;
    if (first && useFields) embed.fields = embedFields;
    if (last && r.footer) embed.footer = { text: r.footer.slice(0, DISCORD_LIMITS.footer) };
    if (descriptions.length > 1)
      embed.footer = {
        text: `${last && r.footer ? `${r.footer} · ` : ''}Part ${i + 1} of ${descriptions.length}`.slice(0, DISCORD_LIMITS.footer),
      };
    return {
      embeds: [embed],
      // The buttons ride on the first message: that is the one a button press updates.
      components: first ? buttons(r.actions, r.links) : [],
      ...(flags ? { flags } : {}),
      allowed_mentions: { parse: [] as [] },
    };
  });
}

function clipTitle(t: string): string {
  // Titles are built by commands from short names; event titles (≤200) always fit 256.
  return t.length <= DISCORD_LIMITS.title ? t : `${t.slice(0, DISCORD_LIMITS.title - 1)}…`;
}

export interface DiscordModal {
  custom_id: string;
  title: string;
  components: {
    type: 18;
    label: string;
    description?: string;
    component: {
      type: 4;
      custom_id: string;
      style: 1 | 2;
      required: boolean;
      min_length?: number;
      max_length: number;
      value?: string;
      placeholder?: string;
    };
  }[];
}

export function renderDiscordModal(form: Form): DiscordModal {
  return {
    custom_id: form.id,
    title: form.title.slice(0, DISCORD_LIMITS.modalTitle),
    components: form.fields.slice(0, 5).map((f) => ({
      type: 18,
      label: f.label.slice(0, DISCORD_LIMITS.modalLabel),
      ...(f.hint ? { description: f.hint.slice(0, 100) } : {}),
      component: {
        type: 4,
        custom_id: f.id,
        style: f.style === 'short' ? 1 : 2,
        required: f.required,
        ...(f.minLength ? { min_length: f.minLength } : {}),
        max_length: f.maxLength,
        ...(f.value ? { value: f.value.slice(0, f.maxLength) } : {}),
        ...(f.placeholder ? { placeholder: f.placeholder.slice(0, DISCORD_LIMITS.placeholder) } : {}),
      },
    })),
  };
}

/** Form errors as a private reply naming each bad field, what was typed and what to fix. */
export function formErrorsReply(fe: FormErrors, reopenId: string): Reply {
  const items: Text[] = fe.form.fields
    .filter((f) => fe.errors[f.id])
    .map((f) => [{ bold: f.label }, `: ${fe.errors[f.id]}`, ...(f.value ? [` (you typed "${f.value.slice(0, 80)}")`] : [])]);
  return {
    kind: 'reply',
    visibility: 'private',
    tone: 'error',
    title: 'Nothing was saved: please fix these fields',
    blocks: [
      { type: 'list', items },
      { type: 'note', text: 'Press the button to reopen the form with what you typed.' },
    ],
    actions: [{ id: reopenId, label: 'Reopen the form', style: 'primary' }],
  };
}
