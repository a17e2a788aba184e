// The Slack stand-in's files API, as Slack checks it: files.getUploadURLExternal (filename, length,
// alt_text ≤ 1000) hands out an upload URL and a file id; the URL takes the bytes once (raw, or as the
// one file of a multipart form, which is how WebClient sends them); files.completeUploadExternal shares
// uploaded files in a channel, refusing unknown, unfinished, resized or already completed files.
import type { ServerResponse } from 'node:http';

export interface SlackFile {
  id: string;
  name: string;
  title?: string;
  alt_text?: string;
  bytes: Buffer;
}

interface Pending {
  filename: string;
  length: number;
  alt_text?: string;
  bytes?: Buffer;
  completed: boolean;
}

/** ok: the body to send (and files to share in a channel); else Slack's error, with the problems a correct app never causes. */
export type FilesAnswer =
  | { ok: true; body: Record<string, unknown>; shared?: SlackFile[]; channel?: string }
  | { ok: false; error: string; problems?: string[]; needed?: string };

const NEEDS: Record<string, string> = { 'files.getUploadURLExternal': 'files:write', 'files.completeUploadExternal': 'files:write' };

export const UPLOAD_PATH = '/upload/v1/';

export class FakeFiles {
  private readonly pending = new Map<string, Pending>();
  private counter = 0;
  /** The bot token's scopes; a test may take one away. */
  private readonly scopes = new Set(['commands', 'chat:write', 'channels:history', 'groups:history', 'files:write']);

  setScope(scope: string, granted: boolean): void {
    if (granted) this.scopes.add(scope);
    else this.scopes.delete(scope);
  }

  constructor(private readonly base: () => string) {}

  /** The files.* Web API methods; undefined for any other method. */
  call(method: string, args: Record<string, any>, channelState: (channel: string) => string): FilesAnswer | undefined {
    if (!(method in NEEDS)) return undefined;
    // A missing scope is a refusal a correct app meets (an old install), not a violation.
    if (!this.scopes.has(NEEDS[method]!)) return { ok: false, error: 'missing_scope', needed: NEEDS[method] };
    return method === 'files.getUploadURLExternal' ? this.getUploadURL(args) : this.complete(args, channelState);
  }

  private getUploadURL(args: Record<string, any>): FilesAnswer {
    const method = 'files.getUploadURLExternal';
    const length = Number(args.length);
    const problems: string[] = [];
    if (typeof args.filename !== 'string' || !args.filename) problems.push(`${method}: filename is required`);
    if (!Number.isInteger(length) || length < 1) problems.push(`${method}: length must be a positive integer`);
    if (args.alt_text !== undefined && String(args.alt_text).length > 1000) problems.push(`${method}: alt_text is over 1000 characters`);
    if (problems.length) return { ok: false, error: 'invalid_arguments', problems };
    const file_id = `F0FILE${String(++this.counter).padStart(5, '0')}`;
    this.pending.set(file_id, { filename: args.filename, length, alt_text: args.alt_text, completed: false });
    return { ok: true, body: { upload_url: `${this.base()}${UPLOAD_PATH}${file_id}`, file_id } };
  }

  private complete(args: Record<string, any>, channelState: (channel: string) => string): FilesAnswer {
    const method = 'files.completeUploadExternal';
    const files = args.files;
    if (!Array.isArray(files) || files.length === 0 || files.some((f: any) => typeof f?.id !== 'string')) {
      return { ok: false, error: 'invalid_arguments', problems: [`${method}: files must be a JSON array of {id, title}`] };
    }
    for (const f of files) {
      const p = this.pending.get(f.id);
      if (!p || p.completed)
        return {
          ok: false,
          error: 'file_not_found',
          problems: [`${method}: ${f.id} was not started with files.getUploadURLExternal, or is already complete`],
        };
      if (!p.bytes) return { ok: false, error: 'file_not_found', problems: [`${method}: ${f.id} was never uploaded`] };
      if (p.bytes.length !== p.length)
        return {
          ok: false,
          error: 'invalid_arguments',
          problems: [`${method}: ${f.id} uploaded ${p.bytes.length} bytes, declared ${p.length}`],
        };
    }
    if (args.initial_comment !== undefined && String(args.initial_comment).length > 4000) {
      return { ok: false, error: 'invalid_arguments', problems: [`${method}: initial_comment is over 4000 characters`] };
    }
    const channel: string | undefined = args.channel_id ?? args.channels;
    if (channel !== undefined) {
      const state = channelState(channel);
      // Refusals a correct app meets in normal use: answered, not recorded as violations.
      if (state !== 'ok') return { ok: false, error: state };
    }
    const shared: SlackFile[] = files.map((f: any) => {
      const p = this.pending.get(f.id)!;
      p.completed = true;
      return { id: f.id, name: p.filename, title: f.title, alt_text: p.alt_text, bytes: p.bytes! };
    });
    return { ok: true, body: { files: shared.map((f) => ({ id: f.id, name: f.name, title: f.title })) }, shared, channel };
  }

  /** POST to an upload URL. Returns false when it was not one. */
  async upload(path: string, contentType: string, bytes: Buffer, res: ServerResponse, violations: string[]): Promise<boolean> {
    if (!path.startsWith(UPLOAD_PATH)) return false;
    const p = this.pending.get(path.slice(UPLOAD_PATH.length));
    const fail = (status: number, problem: string) => {
      violations.push(problem);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(problem);
      return true;
    };
    if (!p || p.completed || p.bytes) return fail(404, 'upload: unknown or already used upload URL');
    let data = bytes;
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': contentType }, body: bytes }).formData();
      const parts = [...form.values()].filter((v) => typeof v !== 'string') as unknown as Blob[];
      if (parts.length !== 1) return fail(400, `upload: ${parts.length} files in one upload`);
      data = Buffer.from(await parts[0]!.arrayBuffer());
    }
    p.bytes = data;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${data.length}`);
    return true;
  }
}
