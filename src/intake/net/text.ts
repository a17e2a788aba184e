// Feed titles are HTML by convention (RSS) or declaration (Atom type="html"); a draft wants plain text.
import { parseHTML } from './dom.ts';

let scratch: ReturnType<typeof parseHTML>['document'] | undefined;

/** Text content of an HTML fragment, whitespace collapsed. Scripts and styles contribute nothing. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  scratch ??= parseHTML('<!doctype html><html><head></head><body></body></html>').document;
  const holder = scratch.createElement('div');
  holder.innerHTML = html;
  for (const el of holder.querySelectorAll('script, style, noscript, template')) el.remove();
  return (holder.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
