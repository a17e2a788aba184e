// Reply → Slack Block Kit messages within Slack's limits: 50 blocks and about 12,000 characters of block
// text a message, 3000 characters a section. What does not fit goes into the next message; nothing is
// cut. Plain text is escaped (&, <, >) so stored event text can never become a mention, a channel
// ping or a link; only links the Reply itself carries are drawn as <url|text>.
import type { Action, Block, EventItem, Form, Inline, LinkAction, Reply, Text } from '../reply.ts';
import { KIND_LABELS } from '../presentation/items.ts';
import { splitLong } from '../presentation/split.ts';
import { channelIdFor } from '../channels.ts';

export const SLACK_LIMITS = {
  blocks: 50,
  /** Block text per message: Slack's rendering budget, well under the 40,000-character hard limit. */
  messageText: 12_000,
  section: 3000,
  header: 150,
  fields: 10,
  field: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  value: 2000,
  modalTitle: 24,
  modalButton: 24,
  label: 2000,
  placeholder: 150,
  inputMax: 3000,
  privateMetadata: 3000,
  callbackId: 255,
} as const;

/** Section budget below 3000 so that an event never sits on the edge. */
const SECTION_BUDGET = 2900;
/** Fallback text (notifications, screen readers) of a message. */
const FALLBACK_MAX = 300;

type PlainText = { type: 'plain_text'; text: string; emoji?: boolean };
type Mrkdwn = { type: 'mrkdwn'; text: string };
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text?: Mrkdwn; fields?: Mrkdwn[] }
  | { type: 'context'; elements: Mrkdwn[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id?: string; elements: SlackButton[] };

export interface SlackButton {
  type: 'button';
  text: PlainText;
  action_id: string;
  /** Our buttons' state; absent on a link button. */
  value?: string;
  /** A link button: Slack opens it (and still tells the app, which only acknowledges). */
  url?: string;
  style?: 'primary' | 'danger';
}

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Escapes the three characters Slack treats as control: &, <, >. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL inside <url|text>: it must not close the link or start the label. */
const safeUrl = (url: string) => url.replace(/[|<>\s]/g, (c) => encodeURIComponent(c));
const link = (url: string, label: string) => `<${safeUrl(url)}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;

function inline(p: Inline): string {
  if (typeof p === 'string') return escapeMrkdwn(p);
  if ('bold' in p) return `*${escapeMrkdwn(p.bold)}*`;
  if ('italic' in p) return `_${escapeMrkdwn(p.italic)}_`;
  if ('code' in p) return `\`${escapeMrkdwn(p.code).replace(/`/g, 'ˋ')}\``;
  if ('channel' in p) return channelIdFor('slack', p.channel) === p.channel ? `<#${p.channel}>` : escapeMrkdwn(`#${p.channel}`);
  return link(p.link, p.text);
}

export const mrkdwn = (t: Text): string => (typeof t === 'string' ? escapeMrkdwn(t) : t.map(inline).join(''));

function eventText(e: EventItem): string {
  const mark =
    e.mark === 'new' ? ':new: ' : e.mark === 'corrected' ? ':pencil2: Corrected: ' : e.mark === 'deleted' ? ':wastebasket: Removed: ' : '';
  const lines = [`*${escapeMrkdwn(e.date)}* · ${KIND_LABELS[e.kind]} · #${e.id}`, `${mark}*${escapeMrkdwn(e.title)}*`];
  if (e.summary) lines.push(escapeMrkdwn(e.summary));
  if (e.excerpt) lines.push(`> ${mrkdwn(e.excerpt)}`);
  const sources = e.sources.map((s) => link(s.url, s.publisher)).join(' · ');
  const tags = e.tags.length ? escapeMrkdwn(e.tags.join(', ')) : '';
  lines.push([sources && `Source: ${sources}`, tags].filter(Boolean).join(' — '));
  return lines.join('\n');
}

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): SlackBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/** One Reply block as Slack blocks, each within its own limit. */
function blocksOf(b: Block): SlackBlock[] {
  switch (b.type) {
    case 'heading':
      return splitLong(`*${escapeMrkdwn(b.text)}*`, SECTION_BUDGET).map(section);
    case 'text':
      return splitLong(mrkdwn(b.text), SECTION_BUDGET).map(section);
    case 'note':
      return splitLong(mrkdwn(b.text), SECTION_BUDGET).map(context);
    case 'divider':
      return [{ type: 'divider' }];
    case 'list':
      return splitLong(b.items.map((i) => `• ${mrkdwn(i)}`).join('\n'), SECTION_BUDGET).map(section);
    case 'events':
      return b.events.flatMap((e) => splitLong(eventText(e), SECTION_BUDGET).map(section));
    case 'fields': {
      const fields = b.fields.map((f) => `*${escapeMrkdwn(f.label)}*\n${mrkdwn(f.value)}`);
      if (fields.length <= SLACK_LIMITS.fields && fields.every((f) => f.length <= SLACK_LIMITS.field)) {
        return [{ type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) }];
      }
      return splitLong(b.fields.map((f) => `*${escapeMrkdwn(f.label)}:* ${mrkdwn(f.value)}`).join('\n'), SECTION_BUDGET).map(section);
    }
  }
}

function blockTextLength(b: SlackBlock): number {
  switch (b.type) {
    case 'header':
      return b.text.text.length;
    case 'section':
      return (b.text?.text.length ?? 0) + (b.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    case 'context':
      return b.elements.reduce((n, e) => n + e.text.length, 0);
    case 'actions':
      return b.elements.reduce((n, e) => n + e.text.text.length, 0);
    case 'divider':
      return 0;
  }
}

/** Action ids of link buttons: never an Action.id (those are '<command>:<verb>:…'), so never dispatched. */
export const LINK_ACTION_PREFIX = 'link-button:';

export function slackButtons(actions: readonly Action[], links: readonly LinkAction[] = []): SlackBlock[] {
  const all: SlackButton[] = [
    ...actions
      .filter((a) => !a.disabled)
      .map(
        (a): SlackButton => ({
          type: 'button',
          text: { type: 'plain_text', text: a.label.slice(0, SLACK_LIMITS.buttonText), emoji: true },
          // The action's id is its whole state; Bolt routes on action_id, and the value carries it too.
          action_id: a.id,
          value: a.id,
          ...(a.style === 'primary' || a.style === 'danger' ? { style: a.style } : {}),
        }),
      ),
    ...links.map(
      (l, i): SlackButton => ({
        type: 'button',
        text: { type: 'plain_text', text: l.label.slice(0, SLACK_LIMITS.buttonText), emoji: true },
        action_id: `${LINK_ACTION_PREFIX}${i}`,
        url: l.url,
      }),
    ),
  ];
  const out: SlackBlock[] = [];
  for (let i = 0; i < all.length; i += SLACK_LIMITS.actionsElements) {
    out.push({ type: 'actions', elements: all.slice(i, i + SLACK_LIMITS.actionsElements) });
  }
  return out;
}

/** Draws a Reply as one or more Slack messages; buttons ride on the first, the footer on the last. */
export function renderSlack(r: Reply): SlackMessage[] {
  // A header holds 150 characters; a longer title (an event's, up to 200) is drawn bold instead of cut.
  const head: SlackBlock[] = !r.title
    ? []
    : r.title.length <= SLACK_LIMITS.header
      ? [{ type: 'header', text: { type: 'plain_text', text: r.title, emoji: true } }]
      : [section(`*${escapeMrkdwn(r.title)}*`)];
  const body = r.blocks.flatMap(blocksOf);
  const actions = slackButtons(r.actions ?? [], r.links ?? []);
  const footer = r.footer ? splitLong(escapeMrkdwn(r.footer), SECTION_BUDGET).map(context) : [];
  // Reserve room in every message for the header, the buttons and the footer.
  const reserveBlocks = head.length + actions.length + footer.length + 1;
  const reserveText = [...head, ...actions, ...footer].reduce((n, b) => n + blockTextLength(b), 0) + 100;

  const parts: SlackBlock[][] = [];
  let current: SlackBlock[] = [];
  let size = 0;
  for (const b of body) {
    const len = blockTextLength(b);
    if (current.length && (current.length + reserveBlocks > SLACK_LIMITS.blocks || size + len + reserveText > SLACK_LIMITS.messageText)) {
      parts.push(current);
      current = [];
      size = 0;
    }
    current.push(b);
    size += len;
  }
  parts.push(current);

  const fallback = plainFallback(r);
  return parts.map((blocks, i) => {
    const first = i === 0;
    const last = i === parts.length - 1;
    const label = parts.length > 1 ? context(`Part ${i + 1} of ${parts.length}`) : undefined;
    return {
      text: parts.length > 1 ? `${fallback} (part ${i + 1} of ${parts.length})` : fallback,
      blocks: [
        ...(first
          ? head
          : r.title
            ? [
                {
                  type: 'header' as const,
                  text: { type: 'plain_text' as const, text: clip(`${r.title} (continued)`, SLACK_LIMITS.header), emoji: true },
                },
              ]
            : []),
        ...blocks,
        ...(first ? actions : []),
        ...(last ? footer : []),
        ...(label ? [label] : []),
      ],
    };
  });
}

/** The notification text: the title, or the start of the first text, escaped and short. */
function plainFallback(r: Reply): string {
  const firstText = r.blocks.find((b) => b.type === 'text' || b.type === 'heading');
  const raw =
    r.title ??
    (firstText && 'text' in firstText
      ? typeof firstText.text === 'string'
        ? firstText.text
        : firstText.text.map((p) => (typeof p === 'string' ? p : 'link' in p ? p.text : Object.values(p)[0])).join('')
      : 'blocwatch');
  return escapeMrkdwn(clip(raw, FALLBACK_MAX));
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export interface SlackModal {
  type: 'modal';
  callback_id: string;
  title: PlainText;
  submit: PlainText;
  close: PlainText;
  private_metadata?: string;
  blocks: {
    type: 'input';
    block_id: string;
    optional: boolean;
    label: PlainText;
    hint?: PlainText;
    element: {
      type: 'plain_text_input';
      action_id: typeof INPUT_ACTION_ID;
      multiline: boolean;
      max_length: number;
      min_length?: number;
      initial_value?: string;
      placeholder?: PlainText;
    };
  }[];
}

/** Every input's action_id; the block_id is the field id, so errors and values key by field. */
export const INPUT_ACTION_ID = 'value';

export function renderSlackModal(form: Form, privateMetadata?: string): SlackModal {
  return {
    type: 'modal',
    callback_id: form.id,
    title: { type: 'plain_text', text: clip(form.title, SLACK_LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: clip(form.submitLabel, SLACK_LIMITS.modalButton) },
    close: { type: 'plain_text', text: 'Cancel' },
    ...(privateMetadata ? { private_metadata: privateMetadata.slice(0, SLACK_LIMITS.privateMetadata) } : {}),
    blocks: form.fields.map((f) => {
      const max = Math.min(f.maxLength, SLACK_LIMITS.inputMax);
      return {
        type: 'input',
        block_id: f.id,
        optional: !f.required,
        label: { type: 'plain_text', text: clip(f.label, SLACK_LIMITS.label) },
        ...(f.hint ? { hint: { type: 'plain_text' as const, text: clip(f.hint, SLACK_LIMITS.label) } } : {}),
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          multiline: f.style === 'paragraph',
          max_length: max,
          ...(f.minLength ? { min_length: Math.min(f.minLength, max) } : {}),
          ...(f.value ? { initial_value: f.value.slice(0, max) } : {}),
          ...(f.placeholder ? { placeholder: { type: 'plain_text' as const, text: clip(f.placeholder, SLACK_LIMITS.placeholder) } } : {}),
        },
      };
    }),
  };
}
