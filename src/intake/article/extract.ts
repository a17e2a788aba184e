// The main text of a web page, as plain text: Readability over linkedom's DOM (no layout, so it is fast
// enough for feeds of thousands of items), with page furniture removed before and after.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ArticleText, FeedItem } from '../types.ts';
import { squeeze } from './lines.ts';
import { cleanLines, cleanTitle, namedIn, storyParagraphs } from './text.ts';

/** Real pages nest a few dozen levels; far deeper is a trap (linkedom's parser is quadratic in depth). */
const MAX_DEPTH = 128;
/** Elements Readability may look at; a page with more is not a news article. Counted by us, because
 * Readability's own maxElemsToParse relies on getElementsByTagName('*'), which linkedom answers with 0. */
const MAX_ELEMENTS = 10_000;
// Elements whose end tag is often left out, and void ones: they do not deepen a naive tag count.
const NO_NESTING = new Set(
  'p li dt dd tr td th option optgroup thead tbody tfoot colgroup rb rt rp area base br col embed hr img input link meta source track wbr param keygen'.split(
    ' ',
  ),
);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]{0,30})\b[^>]*?(\/?)>/g;

/** A cheap scan of the markup before parsing: does it nest deeper than any real page? */
function nestsTooDeep(html: string): boolean {
  let depth = 0;
  for (const m of html.matchAll(TAG)) {
    if (m[3] || NO_NESTING.has(m[2]!.toLowerCase())) continue;
    depth += m[1] ? -1 : 1;
    if (depth > MAX_DEPTH) return true;
  }
  return false;
}

/** Below this much story text a page is an index, a paywall stub or an error page, not an article. */
const MIN_TEXT_CHARS = 200;

// Elements that are never the story. Captions and credits go before Readability sees them, so a
// caption's date or a "Read more" list can never reach the text. Checked in one walk over the tree:
// a CSS selector list this long costs more than the walk in linkedom.
const NEVER_STORY_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'FORM',
  'BUTTON',
  'NAV',
  'ASIDE',
  'FOOTER',
  'FIGCAPTION',
  'FIGURE',
  'DIALOG',
  'INPUT',
  'SELECT',
  'TEXTAREA',
]);
const NEVER_STORY_ROLES = new Set(['navigation', 'complementary', 'dialog', 'banner', 'contentinfo']);
const NEVER_STORY_CLASS =
  /caption|credit|cookie|consent|gdpr|share|sharing|social|newsletter|subscribe|related|read-?more|recommended|promo|paywall|advert/i;

interface El {
  tagName: string;
  children: ArrayLike<El>;
  getAttribute(n: string): string | null;
  hasAttribute(n: string): boolean;
  hasAttributes(): boolean;
  remove(): void;
}

/**
 * Remove the elements that are never the story, walking without recursion. Returns false when the
 * tree nests deeper than any real page does: Readability is quadratic on such trees, and a hostile
 * page must not stall the pipeline.
 */
function removeNeverStory(root: El): boolean {
  const stack: [El, number][] = [[root, 0]];
  let seen = 0;
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (depth > MAX_DEPTH || ++seen > MAX_ELEMENTS) return false;
    for (const kid of Array.from(el.children)) {
      // Most elements carry no attributes: only their tag can rule them out, and each attribute
      // lookup walks the element's attribute list in linkedom.
      if (!kid.hasAttributes()) {
        if (NEVER_STORY_TAGS.has(kid.tagName.toUpperCase())) kid.remove();
        else stack.push([kid, depth + 1]);
        continue;
      }
      const cls = `${kid.getAttribute('class') ?? ''} ${kid.getAttribute('id') ?? ''}`;
      if (
        NEVER_STORY_TAGS.has(kid.tagName.toUpperCase()) ||
        NEVER_STORY_ROLES.has(kid.getAttribute('role') ?? '') ||
        kid.getAttribute('aria-hidden') === 'true' ||
        kid.hasAttribute('hidden') ||
        (cls.length > 1 && NEVER_STORY_CLASS.test(cls))
      ) {
        kid.remove();
      } else {
        stack.push([kid, depth + 1]);
      }
    }
  }
  return true;
}

const BLOCK = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'UL',
  'OL',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'DL',
  'DT',
  'DD',
  'HR',
  'ADDRESS',
]);
// Readability re-creates nothing we removed, but its output may still hold these.
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'BUTTON', 'SVG']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Text of an element with a line break around every block, so paragraphs survive (no recursion). */
function blockText(root: DomNode, out: string[]): void {
  // A string on the stack is a line break owed after a block's children.
  const stack: (DomNode | string)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      out.push(node);
      continue;
    }
    if (node.nodeType === 3) {
      out.push(node.textContent ?? '');
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) continue;
    if (name === 'BR') {
      out.push('\n');
      continue;
    }
    const block = BLOCK.has(name);
    if (block) {
      out.push('\n');
      stack.push('\n');
    }
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

interface Doc {
  querySelector(sel: string): { getAttribute(n: string): string | null; textContent: string | null } | null;
  querySelectorAll(sel: string): ArrayLike<{ getAttribute(n: string): string | null; textContent: string | null; remove(): void }>;
}

// One selector per fact, on purpose: querySelector stops at the first match, mostly early in <head>,
// which costs no more than one combined query walking the whole page (measured).
const meta = (doc: Doc, sel: string): string | undefined => {
  const v = doc.querySelector(sel)?.getAttribute('content');
  return v?.trim() ? squeeze(v) : undefined;
};

function validInstant(v: string | undefined | null): string | undefined {
  if (!v) return undefined;
  const t = v.trim();
  return /^\d{4}-\d{2}-\d{2}/.test(t) && !Number.isNaN(Date.parse(t)) ? t : undefined;
}

/** datePublished anywhere in the page's JSON-LD (objects, arrays, @graph). */
function jsonLdDate(doc: Doc): string | undefined {
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    let data: unknown;
    try {
      data = JSON.parse(scripts[i]!.textContent ?? '');
    } catch {
      continue;
    }
    const stack = [data];
    for (let n = 0; stack.length > 0 && n < 200; n++) {
      const v = stack.pop();
      if (Array.isArray(v)) stack.push(...v);
      else if (v && typeof v === 'object') {
        const date = validInstant((v as Record<string, unknown>).datePublished as string);
        if (date) return date;
        const graph = (v as Record<string, unknown>)['@graph'];
        if (graph) stack.push(graph);
      }
    }
  }
  return undefined;
}

export function extractArticle(html: string, url: string): ArticleText | undefined {
  try {
    return extract(html, url);
  } catch {
    // Whatever a page holds, reading it fails quietly: the caller falls back to the feed's content.
    return undefined;
  }
}

function extract(html: string, url: string): ArticleText | undefined {
  if (nestsTooDeep(html)) return undefined;
  const { document } = parseHTML(html) as unknown as { document: Doc };
  const siteName = meta(document, 'meta[property="og:site_name"]');
  const publishedAt =
    validInstant(meta(document, 'meta[property="article:published_time"]')) ??
    jsonLdDate(document) ??
    validInstant(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  const h1 = document.querySelector('h1')?.textContent;
  const rawTitle =
    meta(document, 'meta[property="og:title"]') ??
    (h1 && squeeze(h1) ? h1 : undefined) ??
    document.querySelector('title')?.textContent ??
    '';

  const root = (document as unknown as { documentElement: El | null }).documentElement;
  if (!root || !removeNeverStory(root)) return undefined;

  const reader = new Readability(document as never, {
    serializer: (el: unknown) => el as DomNode,
    charThreshold: 300,
    // Work whose result nothing here reads: the class attributes of the kept content (blockText reads
    // only text), and the JSON-LD scripts, which removeNeverStory has already taken out with every
    // other script (Readability would find none).
    keepClasses: true,
    disableJSONLD: true,
  });
  const parsed = reader.parse() as {
    title?: string | null;
    byline?: string | null;
    content?: DomNode | null;
    publishedTime?: string | null;
  } | null;
  if (!parsed?.content) return undefined;
  void url;

  const parts: string[] = [];
  blockText(parsed.content, parts);
  const lines = cleanLines(parts.join(''));
  const title = cleanTitle(
    rawTitle || parsed.title || '',
    siteName,
    undefined,
    namedIn(() => lines.join('\n')),
  );
  const text = storyParagraphs(lines, title).join('\n\n');
  if (text.length < MIN_TEXT_CHARS) return undefined;
  // "By Kontur and AFP | January 15, 2025": the names, not the date after them.
  const byline = parsed.byline ? squeeze(parsed.byline.split(/\s[|•·]\s?/)[0]!).replace(/^(by|автор:?)\s+/i, '') : undefined;
  return {
    title,
    text,
    publishedAt: publishedAt ?? validInstant(parsed.publishedTime),
    siteName,
    byline: byline || undefined,
  };
}

/**
 * A feed item's own content as the article, for when the page cannot be fetched or read: the item's
 * HTML (or text) reduced the same way, its title as the headline. Undefined when it carries nothing.
 */
export function articleFromFeedItem(item: FeedItem): ArticleText | undefined {
  let text = '';
  if (item.contentHtml?.trim() && !nestsTooDeep(item.contentHtml)) {
    try {
      const { document } = parseHTML(`<!DOCTYPE html><html><body>${item.contentHtml}</body></html>`) as unknown as {
        document: { documentElement: El | null; body: DomNode | null };
      };
      const parts: string[] = [];
      if (document.documentElement && removeNeverStory(document.documentElement) && document.body) {
        blockText(document.body, parts);
      }
      text = storyParagraphs(cleanLines(parts.join('')), item.title).join('\n\n');
    } catch {
      text = '';
    }
  }
  const title = cleanTitle(item.title ?? '');
  if (!title && !text) return undefined;
  return {
    title,
    text,
    publishedAt: validInstant(item.publishedAt),
    byline: item.author ? squeeze(item.author) : undefined,
  };
}
