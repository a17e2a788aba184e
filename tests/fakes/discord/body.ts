// How the Discord stand-in reads a request body: JSON only when the request says it is JSON, files as
// multipart/form-data with payload_json, anything else refused with Discord's error.
import type { IncomingMessage } from 'node:http';
import { parseMultipart, type Upload } from './multipart.ts';

export type Files = Upload[];
export type Body = { ok: true; body: any; files: Files } | { ok: false; status: number; error: unknown; problems: string[] };

/** Discord reads JSON only when told it is JSON; files come as multipart/form-data with payload_json. */
export async function readBody(req: IncomingMessage, where: string): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  if (!raw.length) return { ok: true, body: undefined, files: [] };
  const type = req.headers['content-type'] ?? '';
  if (/^application\/json\s*(;|$)/i.test(type)) {
    try {
      return { ok: true, body: JSON.parse(raw.toString('utf8')), files: [] };
    } catch {
      return {
        ok: false,
        status: 400,
        error: { code: 50109, message: 'The request body contains invalid JSON.' },
        problems: [`${where}: body is not JSON`],
      };
    }
  }
  if (/^multipart\/form-data\s*(;|$)/i.test(type)) {
    const parsed = await parseMultipart(type, raw, where);
    if (parsed.problems.length)
      return {
        ok: false,
        status: 400,
        error: {
          code: 50035,
          message: 'Invalid Form Body',
          errors: { _errors: parsed.problems.map((message) => ({ code: 'INVALID', message })) },
        },
        problems: parsed.problems,
      };
    return { ok: true, body: parsed.body, files: parsed.uploads };
  }
  return {
    ok: false,
    status: 400,
    error: {
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        _errors: [
          {
            code: 'CONTENT_TYPE_INVALID',
            message: `Expected "Content-Type" header to be one of {'application/json', 'multipart/form-data'}.`,
          },
        ],
      },
    },
    problems: [`${where}: a body sent as "${type || 'no content type'}", not application/json`],
  };
}
