// HTML (and Atom's XML) escaped by construction: every value put into an `html` template is escaped
// unless it is itself the result of an `html` template. Nothing outside this module can make markup
// from a string, so text from the dataset, a query string or a URL only ever reaches a page as text.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The key of a Markup's text: not exported, so a Markup cannot be forged from outside. */
const TEXT = Symbol('markup');

export interface Markup {
  readonly [TEXT]: string;
}

export type Value = Markup | string | number | null | undefined | false | readonly Value[];

const isMarkup = (v: unknown): v is Markup => typeof v === 'object' && v !== null && TEXT in v;

function render(v: Value, clean: (s: string) => string): string {
  if (v === null || v === undefined || v === false) return '';
  if (isMarkup(v)) return v[TEXT];
  if (Array.isArray(v)) return v.map((x) => render(x, clean)).join('');
  return clean(escapeText(String(v)));
}

function template(clean: (s: string) => string) {
  return (strings: TemplateStringsArray, ...values: Value[]): Markup => {
    let out = strings[0]!;
    for (let i = 0; i < values.length; i++) out += render(values[i]!, clean) + strings[i + 1]!;
    return { [TEXT]: out };
  };
}

export const html = template((s) => s);

/** Characters XML 1.0 cannot carry even escaped: C0 controls but tab and line breaks, lone surrogates, U+FFFE/F. */
const XML_FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The same template for XML documents (Atom): text escaped, and characters XML cannot carry dropped. */
export const xml = template((s) => s.replace(XML_FORBIDDEN, ''));

/** The finished document's text. */
export function toText(m: Markup): string {
  return m[TEXT];
}
