// Slack's documented Block Kit and method limits, as checks. Each returns the problems it finds; the
// stand-in answers a request with problems as Slack would (ok: false, invalid_blocks, …) and records them.

const isPlain = (t: any) => t && t.type === 'plain_text' && typeof t.text === 'string' && t.text.length > 0;
const isText = (t: any) => t && (t.type === 'plain_text' || t.type === 'mrkdwn') && typeof t.text === 'string' && t.text.length > 0;

/** Mentions and broadcasts Slack would notify on, if event text ever reached a message unescaped. */
export const MENTION = /<!(channel|here|everyone)(\|[^>]*)?>|<@[UW][A-Z0-9]+(\|[^>]*)?>|<!subteam\^/;

export function blockText(blocks: any[]): string {
  const out: string[] = [];
  for (const b of blocks ?? []) {
    if (b.text?.text) out.push(b.text.text);
    for (const f of b.fields ?? []) out.push(f.text);
    for (const e of b.elements ?? []) if (e.text) out.push(typeof e.text === 'string' ? e.text : e.text.text);
  }
  return out.join('\n');
}

export function validateMessageBlocks(blocks: unknown, where: string): string[] {
  const p: string[] = [];
  if (blocks === undefined) return p;
  if (!Array.isArray(blocks)) return [`${where}: blocks must be an array`];
  if (blocks.length > 50) p.push(`${where}: ${blocks.length} blocks (max 50)`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  let textSize = 0;
  blocks.forEach((b: any, i) => {
    const at = `${where}.blocks[${i}]`;
    if (b?.block_id !== undefined) {
      const bad = badBlockId(b.block_id);
      if (bad) p.push(`${at}: ${bad}`);
      else if (blockIds.has(b.block_id)) p.push(`${at}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b?.type) {
      case 'header':
        if (!isPlain(b.text)) p.push(`${at}: header needs plain_text`);
        else if (b.text.text.length > 150) p.push(`${at}: header text ${b.text.text.length} > 150`);
        break;
      case 'section':
        if (!b.text && !b.fields) p.push(`${at}: section needs text or fields`);
        if (b.text && !isText(b.text)) p.push(`${at}: section text must be non-empty text`);
        if (b.text?.text?.length > 3000) p.push(`${at}: section text ${b.text.text.length} > 3000`);
        if (b.fields) {
          if (b.fields.length > 10) p.push(`${at}: ${b.fields.length} fields > 10`);
          b.fields.forEach((f: any, j: number) => {
            if (!isText(f)) p.push(`${at}.fields[${j}]: must be non-empty text`);
            else if (f.text.length > 2000) p.push(`${at}.fields[${j}]: ${f.text.length} > 2000`);
          });
        }
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) p.push(`${at}: context needs 1-10 elements`);
        for (const e of b.elements ?? []) if (!isText(e) || e.text.length > 3000) p.push(`${at}: bad context element`);
        break;
      case 'divider':
        break;
      case 'actions':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) p.push(`${at}: actions needs 1-25 elements`);
        for (const e of b.elements ?? []) {
          if (e.type !== 'button') p.push(`${at}: unexpected element ${e.type}`);
          if (!isPlain(e.text) || e.text.text.length > 75) p.push(`${at}: button text must be plain_text of 1-75 characters`);
          if (typeof e.action_id !== 'string' || !e.action_id || e.action_id.length > 255)
            p.push(`${at}: action_id must be 1-255 characters`);
          else if (actionIds.has(e.action_id)) p.push(`${at}: duplicate action_id ${e.action_id}`);
          else actionIds.add(e.action_id);
          if (e.value !== undefined && (typeof e.value !== 'string' || e.value.length > 2000))
            p.push(`${at}: value must be at most 2000 characters`);
          if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') p.push(`${at}: style must be primary or danger`);
          if (e.url !== undefined && (typeof e.url !== 'string' || e.url.length > 3000 || !/^https?:\/\//.test(e.url)))
            p.push(`${at}: url must be an http(s) URL of at most 3000 characters`);
        }
        break;
      default:
        p.push(`${at}: unknown block type ${b?.type}`);
    }
  });
  textSize = blockText(blocks).length;
  if (textSize > 12_000) p.push(`${where}: ${textSize} characters of block text (max about 12,000)`);
  return p;
}

/** Slack: a block_id is a string of 1-255 characters, unique within its message or view. */
export function badBlockId(id: unknown): string | undefined {
  if (typeof id !== 'string' || id.length < 1 || id.length > 255)
    return `block_id must be 1-255 characters (got ${typeof id === 'string' ? id.length : typeof id})`;
  return undefined;
}

/** A chat message body: text or blocks required; when blocks are given, text is the fallback. */
export function validateMessage(m: any, where: string): string[] {
  const p = validateMessageBlocks(m.blocks, where);
  if (!m.text && !(Array.isArray(m.blocks) && m.blocks.length)) p.push(`${where}: text or blocks required`);
  if (typeof m.text === 'string' && m.text.length > 40_000) p.push(`${where}: text longer than 40,000`);
  const visible = `${m.text ?? ''}\n${blockText(m.blocks ?? [])}`;
  if (MENTION.test(visible)) p.push(`${where}: message would mention someone: ${visible.match(MENTION)![0]}`);
  return p;
}

export function validateModal(v: any, where: string): string[] {
  const p: string[] = [];
  if (v?.type !== 'modal') return [`${where}: view.type must be modal`];
  if (!isPlain(v.title) || v.title.text.length > 24) p.push(`${where}: title must be plain_text of 1-24 characters`);
  for (const k of ['submit', 'close'] as const)
    if (v[k] && (!isPlain(v[k]) || v[k].text.length > 24)) p.push(`${where}: ${k} must be plain_text of 1-24 characters`);
  if (typeof v.callback_id === 'string' && v.callback_id.length > 255) p.push(`${where}: callback_id > 255`);
  if (typeof v.private_metadata === 'string' && v.private_metadata.length > 3000) p.push(`${where}: private_metadata > 3000`);
  if (!Array.isArray(v.blocks) || v.blocks.length === 0 || v.blocks.length > 100) p.push(`${where}: modal needs 1-100 blocks`);
  const blockIds = new Set<string>();
  let hasInput = false;
  (v.blocks ?? []).forEach((b: any, i: number) => {
    const at = `${where}.blocks[${i}]`;
    if (b.block_id !== undefined) {
      if (blockIds.has(b.block_id)) p.push(`${at}: duplicate block_id`);
      blockIds.add(b.block_id);
    }
    if (b.type !== 'input') return void p.push(...validateMessageBlocks([b], at));
    hasInput = true;
    const badId = b.block_id === undefined ? undefined : badBlockId(b.block_id);
    if (badId) p.push(`${at}: ${badId}`);
    if (!isPlain(b.label) || b.label.text.length > 2000) p.push(`${at}: label must be plain_text of 1-2000 characters`);
    if (b.hint && (!isPlain(b.hint) || b.hint.text.length > 2000)) p.push(`${at}: bad hint`);
    const e = b.element;
    if (e?.type !== 'plain_text_input') return void p.push(`${at}: unexpected element ${e?.type}`);
    if (typeof e.action_id !== 'string' || !e.action_id || e.action_id.length > 255) p.push(`${at}: action_id must be 1-255 characters`);
    if (e.max_length !== undefined && (e.max_length < 1 || e.max_length > 3000)) p.push(`${at}: max_length must be 1-3000`);
    if (
      e.min_length !== undefined &&
      (e.min_length < 0 || e.min_length > 3000 || (e.max_length !== undefined && e.min_length > e.max_length))
    )
      p.push(`${at}: bad min_length`);
    if (
      e.initial_value !== undefined &&
      (typeof e.initial_value !== 'string' || (e.max_length !== undefined && e.initial_value.length > e.max_length))
    )
      p.push(`${at}: initial_value longer than max_length`);
    if (e.placeholder && (!isPlain(e.placeholder) || e.placeholder.text.length > 150))
      p.push(`${at}: placeholder must be plain_text of 1-150 characters`);
  });
  if (hasInput && !v.submit) p.push(`${where}: a modal with inputs needs a submit button`);
  return p;
}

/**
 * The app's answer to a view_submission, as Slack checks it: empty (close the modal), or a
 * response_action. `errors` needs a non-empty map keyed by block_ids of that view's input blocks, each
 * with a message; Slack rejects anything else and the admin sees a generic error.
 */
export function validateViewAck(view: any, ack: any, where = 'view_submission ack'): string[] {
  if (ack === undefined || ack === null || ack === '' || (typeof ack === 'object' && Object.keys(ack).length === 0)) return [];
  const problems: string[] = [];
  const action = ack.response_action;
  if (!['errors', 'update', 'push', 'clear'].includes(action)) return [`${where}: unknown response_action ${JSON.stringify(action)}`];
  if (action === 'errors') {
    const inputs = new Set((view?.blocks ?? []).filter((b: any) => b.type === 'input').map((b: any) => b.block_id));
    const entries = Object.entries(ack.errors ?? {});
    if (!entries.length) problems.push(`${where}: response_action errors needs a non-empty errors map`);
    for (const [key, message] of entries) {
      if (!inputs.has(key)) problems.push(`${where}: errors key "${key}" is not an input block_id of the view`);
      if (typeof message !== 'string' || !message.length) problems.push(`${where}: error for "${key}" must be a non-empty string`);
    }
  }
  if ((action === 'update' || action === 'push') && !ack.view) problems.push(`${where}: response_action ${action} needs a view`);
  return problems;
}
