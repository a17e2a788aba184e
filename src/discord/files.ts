// Files on Discord: a message with attachments travels as multipart/form-data, the message itself as
// `payload_json` and each file as `files[n]`, listed in `attachments` by the same n (API v10 wants every
// file of an edit listed there). Used to replace a deferred interaction answer with a picture.
import { escapeMarkdown, type DiscordMessage } from './render.ts';
import type { Reply, ReplyFile } from '../reply.ts';

/** What a bot may attach without boosts: 10 MiB a file (the interaction's attachment_size_limit). */
export const DISCORD_FILE_LIMIT = 10 * 1024 * 1024;
const MAX_FILES = 10;
const DESCRIPTION_MAX = 1024;
const CONTENT_MAX = 2000;

export interface DiscordAttachment {
  id: number;
  filename: string;
  description?: string;
}

export type DiscordFileMessage = DiscordMessage & { attachments: DiscordAttachment[] };

/** Whether Discord would take these files at all: else the reply goes as text. */
export function canAttach(files: readonly ReplyFile[] | undefined, limit = DISCORD_FILE_LIMIT): files is ReplyFile[] {
  return files !== undefined && files.length > 0 && files.length <= MAX_FILES && files.every((f) => f.bytes.length <= limit);
}

/** The short message that carries the files: the caption, escaped; no embeds, no mentions. */
export function fileMessage(r: Reply, files: readonly ReplyFile[]): DiscordFileMessage {
  const caption = escapeMarkdown(r.caption ?? r.title ?? '');
  return {
    content: caption.length <= CONTENT_MAX ? caption : `${caption.slice(0, CONTENT_MAX - 1)}…`,
    embeds: [],
    components: [],
    allowed_mentions: { parse: [] },
    attachments: files.map((f, id) => ({ id, filename: f.name, description: f.alt.slice(0, DESCRIPTION_MAX) })),
  };
}

export function multipartBody(message: DiscordFileMessage, files: readonly ReplyFile[]): FormData {
  const form = new FormData();
  form.append('payload_json', JSON.stringify(message));
  for (const [i, f] of files.entries()) form.append(`files[${i}]`, new Blob([f.bytes], { type: contentType(f.name) }), f.name);
  return form;
}

function contentType(name: string): string {
  if (/\.png$/i.test(name)) return 'image/png';
  if (/\.jpe?g$/i.test(name)) return 'image/jpeg';
  return 'application/octet-stream';
}
