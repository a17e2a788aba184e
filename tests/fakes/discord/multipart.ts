// Discord's multipart/form-data requests (messages with files), checked as Discord checks them: a
// `payload_json` part holding the message, `files[n]` parts each with a file name and a content type,
// under the attachment size limit, and an `attachments` array naming each uploaded file by its n.

export interface Upload {
  /** The n of files[n]. */
  id: number;
  filename: string;
  contentType: string;
  bytes: Buffer;
  description?: string;
}

export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;
const MAX_FILES = 10;

export async function parseMultipart(
  contentType: string,
  raw: Buffer,
  where: string,
): Promise<{ body?: any; uploads: Upload[]; problems: string[] }> {
  const problems: string[] = [];
  if (!/;\s*boundary=/.test(contentType)) return { uploads: [], problems: [`${where}: multipart body without a boundary`] };
  let form: FormData;
  try {
    form = await new Request('http://discord.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  } catch {
    return { uploads: [], problems: [`${where}: malformed multipart body`] };
  }
  let body: any;
  const files: { id: number; file: File }[] = [];
  for (const [name, value] of form) {
    if (name === 'payload_json') {
      if (typeof value !== 'string') problems.push(`${where}: payload_json must be a text part`);
      else
        try {
          body = JSON.parse(value);
        } catch {
          problems.push(`${where}: payload_json is not JSON (50109)`);
        }
      continue;
    }
    const m = /^files\[(\d+)\]$/.exec(name);
    if (!m) {
      problems.push(`${where}: unexpected form field ${name}`);
      continue;
    }
    if (typeof value === 'string') {
      problems.push(`${where}: ${name} is not a file`);
      continue;
    }
    files.push({ id: Number(m[1]), file: value });
  }
  if (body === undefined && !problems.length) problems.push(`${where}: payload_json is required`);
  if (files.length > MAX_FILES) problems.push(`${where}: at most ${MAX_FILES} files`);
  const uploads: Upload[] = [];
  for (const { id, file } of files) {
    if (!file.name) problems.push(`${where}: files[${id}] has no filename`);
    if (!file.type) problems.push(`${where}: files[${id}] has no content type`);
    if (file.size > ATTACHMENT_SIZE_LIMIT)
      problems.push(
        `${where}: files[${id}] is ${file.size} bytes, over the ${ATTACHMENT_SIZE_LIMIT}-byte limit (40005 Request entity too large)`,
      );
    uploads.push({ id, filename: file.name, contentType: file.type, bytes: Buffer.from(await file.arrayBuffer()) });
  }
  if (body && typeof body === 'object') {
    const attachments: any[] = body.attachments ?? [];
    if (!Array.isArray(attachments)) problems.push(`${where}.attachments: must be an array`);
    else {
      const ids = new Set(uploads.map((u) => u.id));
      for (const [n, a] of attachments.entries()) {
        const id = Number(a?.id);
        if (a?.id === undefined || !Number.isInteger(id)) problems.push(`${where}.attachments[${n}].id: required`);
        else if (!ids.has(id)) problems.push(`${where}.attachments[${n}]: no files[${a.id}] uploaded for it`);
        if (a?.description !== undefined && (typeof a.description !== 'string' || a.description.length > 1024))
          problems.push(`${where}.attachments[${n}].description: at most 1024 characters`);
        const u = uploads.find((x) => x.id === id);
        if (u) u.description = a.description;
      }
      for (const u of uploads)
        if (!attachments.some((a) => Number(a?.id) === u.id)) problems.push(`${where}: files[${u.id}] is not listed in attachments`);
    }
  }
  return { body, uploads, problems };
}
