// The platform-neutral answer model. Handlers build these; renderers draw them as Discord embeds and
// components, Slack Block Kit, or terminal text. Text is kept as structured inline runs, never as
// pre-formatted markup, so each renderer escapes plain text its own way: event text can never
// become a mention or a link the author did not write.
import type { EventKind } from './domain/types.ts';

export type Inline =
  | string
  | { bold: string }
  | { italic: string }
  | { code: string }
  | { link: string; text: string }
  /** A channel reference by platform id; drawn as a channel link (never a mention of people). */
  | { channel: string };

/** A run of inline pieces; a bare string is one plain piece. */
export type Text = string | Inline[];

export interface Field {
  label: string;
  value: Text;
  /** Short values may sit side by side. */
  inline?: boolean;
}

export interface EventSourceItem {
  url: string;
  publisher: string;
}

export interface EventItem {
  id: number;
  /** Formatted with its precision: '22 Feb 2024', 'Sep 2023', '1993'. */
  date: string;
  title: string;
  kind: EventKind;
  /** Full summary; omitted in compact lists. */
  summary?: string;
  /** Search excerpt with matched words in bold. */
  excerpt?: Text;
  /** Display names of the countries and blocs involved. */
  tags: string[];
  sources: EventSourceItem[];
  /** Digest marks. */
  mark?: 'new' | 'corrected' | 'deleted';
}

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: Text }
  | { type: 'fields'; fields: Field[] }
  | { type: 'list'; items: Text[] }
  | { type: 'events'; events: EventItem[] }
  | { type: 'divider' }
  /** Small print: where the answer comes from, what to type next. */
  | { type: 'note'; text: Text };

export interface Action {
  /** Encoded state, at most 100 characters (Discord's custom_id limit): '<command>:<verb>:<args…>'. Survives restarts. */
  id: string;
  label: string;
  style?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
}

/** A button that opens a page of the public web (PUBLIC_URL) instead of running anything. */
export interface LinkAction {
  label: string;
  /** An absolute http(s) URL. */
  url: string;
}

export type Tone = 'info' | 'success' | 'warning' | 'error';

/** A file sent with a reply (a chart), with words for whoever cannot see it. */
export interface ReplyFile {
  /** File name with its extension: 'csto-membership.png'. */
  name: string;
  bytes: Uint8Array;
  /** Alt text: what the picture shows, in words. */
  alt: string;
}

export interface Reply {
  kind: 'reply';
  /** Answers to questions are public; errors and admin confirmations are private. */
  visibility: 'public' | 'private';
  tone: Tone;
  title?: string;
  blocks: Block[];
  actions?: Action[];
  /** Drawn after the actions: a Discord link button, a Slack button with a URL, a printed link in a terminal. */
  links?: LinkAction[];
  footer?: string;
  /** For a button press: replace the message the button sits on (paging), rather than post anew. */
  replaceOriginal?: boolean;
  /**
   * Files to send with the answer. A platform that takes files sends them with `caption`; where a file
   * cannot go (no permission, a terminal), the blocks are the answer, so they say the same in text.
   */
  files?: ReplyFile[];
  /** The short text sent beside the files. */
  caption?: string;
}

export interface FormField {
  id: string;
  label: string;
  style: 'short' | 'paragraph';
  required: boolean;
  minLength?: number;
  maxLength: number;
  value?: string;
  placeholder?: string;
  /** One line of help under the label. */
  hint?: string;
}

export interface Form {
  kind: 'form';
  /** Encoded state for the submission, like Action.id. */
  id: string;
  /** At most 24 characters (Slack's modal title limit). */
  title: string;
  submitLabel: string;
  fields: FormField[];
}

/** A form submission that failed validation: errors keyed by field id; the form holds what was typed. */
export interface FormErrors {
  kind: 'form_errors';
  form: Form;
  errors: Record<string, string>;
}

export type Outcome = Reply | Form;
export type SubmitOutcome = Reply | FormErrors;

/**
 * Characters of text one reply may carry. Chosen to fit the tightest platform budget with room for
 * markup: Discord's 4096-character embed description and 6000 per message, Slack's ~12,000 characters
 * per message and 3000 per section. Handlers page long answers to this budget; renderers split what is
 * still too long for one block into several, and never cut text.
 */
export const REPLY_TEXT_BUDGET = 3500;

export function textLength(t: Text): number {
  if (typeof t === 'string') return t.length;
  return t.reduce(
    (n, p) => n + (typeof p === 'string' ? p.length : 'link' in p ? p.text.length + p.link.length : Object.values(p)[0]!.length),
    0,
  );
}

export function plainText(t: Text): string {
  if (typeof t === 'string') return t;
  return t.map((p) => (typeof p === 'string' ? p : 'link' in p ? p.text : Object.values(p)[0])).join('');
}

/** The text weight of one event as it will be drawn; used to fill pages to the budget. */
export function eventLength(e: EventItem): number {
  return (
    e.date.length +
    e.title.length +
    (e.summary?.length ?? 0) +
    (e.excerpt ? textLength(e.excerpt) : 0) +
    e.tags.join(', ').length +
    e.sources.reduce((n, s) => n + s.url.length + s.publisher.length + 8, 0) +
    40
  );
}

export const reply = {
  error(message: Text, extra: Partial<Reply> = {}): Reply {
    return { kind: 'reply', visibility: 'private', tone: 'error', blocks: [{ type: 'text', text: message }], ...extra };
  },
  private(title: string | undefined, blocks: Block[], extra: Partial<Reply> = {}): Reply {
    return { kind: 'reply', visibility: 'private', tone: 'info', title, blocks, ...extra };
  },
  public(title: string | undefined, blocks: Block[], extra: Partial<Reply> = {}): Reply {
    return { kind: 'reply', visibility: 'public', tone: 'info', title, blocks, ...extra };
  },
};
