// Reply → terminal text for the local console: wrapped to the terminal, links printed in full so
// they can be clicked or copied, optional ANSI emphasis.
import type { Block, EventItem, Form, FormErrors, Inline, Reply, Text } from '../reply.ts';
import { KIND_LABELS } from '../presentation/items.ts';

export interface TerminalStyle {
  width: number;
  color: boolean;
}

const ESC = '\u001b[';
// Control characters in stored text must never drive the user's terminal.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

function paint(s: string, code: string, st: TerminalStyle): string {
  return st.color ? `${ESC}${code}m${s}${ESC}0m` : s;
}

function inline(p: Inline, st: TerminalStyle): string {
  if (typeof p === 'string') return clean(p);
  if ('bold' in p) return paint(clean(p.bold), '1', st);
  if ('italic' in p) return paint(clean(p.italic), '3', st);
  if ('code' in p) return paint(clean(p.code), '36', st);
  if ('channel' in p) return `#${clean(p.channel)}`;
  const text = clean(p.text);
  return text === p.link ? p.link : `${text} <${clean(p.link)}>`;
}

export function text(t: Text, st: TerminalStyle): string {
  return typeof t === 'string' ? clean(t) : t.map((p) => inline(p, st)).join('');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the ANSI colour codes being measured out
const visible = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '').length;

/** Word-wraps keeping ANSI codes intact; words longer than the width (URLs) stay whole. */
export function wrap(s: string, width: number, indent = ''): string {
  const out: string[] = [];
  for (const para of s.split('\n')) {
    let line = indent;
    for (const word of para.split(/ +/)) {
      if (visible(line) > indent.length && visible(line) + 1 + visible(word) > width) {
        out.push(line);
        line = indent + word;
      } else line += (visible(line) > indent.length ? ' ' : '') + word;
    }
    out.push(line);
  }
  return out.join('\n');
}

function eventBlock(e: EventItem, st: TerminalStyle): string {
  const mark = e.mark ? `[${e.mark}] ` : '';
  const head = `${paint(e.date, '33', st)} · ${KIND_LABELS[e.kind]} · #${e.id}${e.tags.length ? ` · ${e.tags.join(', ')}` : ''}`;
  const lines = [wrap(head, st.width, '  '), wrap(mark + paint(clean(e.title), '1', st), st.width, '  ')];
  if (e.summary) lines.push(wrap(clean(e.summary), st.width, '    '));
  if (e.excerpt) lines.push(wrap(text(e.excerpt, st), st.width, '    '));
  for (const s of e.sources) lines.push(wrap(`Source: ${clean(s.publisher)} <${clean(s.url)}>`, st.width, '    '));
  return lines.join('\n');
}

function block(b: Block, st: TerminalStyle): string {
  switch (b.type) {
    case 'heading':
      return paint(clean(b.text), '1;4', st);
    case 'text':
      return wrap(text(b.text, st), st.width);
    case 'note':
      return paint(wrap(text(b.text, st), st.width), '2', st);
    case 'divider':
      return '─'.repeat(Math.min(st.width, 40));
    case 'list':
      return b.items.map((i) => wrap(`• ${text(i, st)}`, st.width, '  ').replace(/^ {2}/, '')).join('\n');
    case 'fields':
      return b.fields.map((f) => wrap(`${paint(clean(f.label), '1', st)}: ${text(f.value, st)}`, st.width)).join('\n');
    case 'events':
      return b.events.map((e) => eventBlock(e, st)).join('\n\n');
  }
}

export function renderReply(r: Reply, st: TerminalStyle): string {
  const parts: string[] = [];
  const badge = r.visibility === 'private' ? paint('(only you see this) ', '2', st) : '';
  const tone =
    r.tone === 'error'
      ? paint('✖ ', '31', st)
      : r.tone === 'warning'
        ? paint('! ', '33', st)
        : r.tone === 'success'
          ? paint('✔ ', '32', st)
          : '';
  if (r.title) parts.push(`${badge}${tone}${paint(clean(r.title), '1', st)}`);
  else if (badge || tone) parts.push(`${badge}${tone}`.trimEnd());
  for (const b of r.blocks) parts.push(block(b, st));
  if (r.actions?.length) {
    const buttons = r.actions.map((a, i) => (a.disabled ? paint(`[${a.label}]`, '2', st) : `[${i + 1}] ${a.label}`));
    parts.push(`${buttons.join('  ')}${r.actions.some((a) => !a.disabled) ? paint('   (type the number to press)', '2', st) : ''}`);
  }
  if (r.links?.length) parts.push(r.links.map((l) => `${clean(l.label)}: ${clean(l.url)}`).join('\n'));
  if (r.footer) parts.push(paint(wrap(clean(r.footer), st.width), '2', st));
  return parts.join('\n\n');
}

export function renderForm(f: Form, st: TerminalStyle): string {
  const lines = [paint(f.title, '1', st), 'Fill in each field and press Enter (an empty line keeps the value shown in brackets):'];
  for (const field of f.fields)
    lines.push(`  ${field.label}${field.required ? '' : ' (optional)'}${field.value ? ` [${clean(field.value)}]` : ''}`);
  return lines.join('\n');
}

export function renderFormErrors(fe: FormErrors, st: TerminalStyle): string {
  const lines = [paint('✖ Nothing was saved. Please fix:', '31', st)];
  for (const field of fe.form.fields) {
    const err = fe.errors[field.id];
    if (err) lines.push(wrap(`${paint(field.label, '1', st)}: ${clean(err)}`, st.width, '  '));
  }
  return lines.join('\n');
}
