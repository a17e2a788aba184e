// Bytes to text for pages and feeds. Sites in this region still serve windows-1251 and koi8-r, declared
// in the Content-Type header, a <meta> tag or the XML declaration; TextDecoder knows all their labels.
import { TextDecoder } from 'node:util';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** How far into a document to look for a <meta charset> or an XML encoding declaration. */
const SNIFF_BYTES = 4096;

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i);
  return match?.[1];
}

function bomCharset(body: Uint8Array): string | undefined {
  if (body[0] === UTF8_BOM[0] && body[1] === UTF8_BOM[1] && body[2] === UTF8_BOM[2]) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** <meta charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…">, and <?xml encoding="…"?>. */
function declaredCharset(body: Uint8Array): string | undefined {
  // latin1 maps every byte to one character, so ASCII markup reads the same whatever the real encoding.
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, SNIFF_BYTES)).toString('latin1');
  const xml = head.match(/^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i);
  if (xml?.[1]) return xml[1];
  const meta = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i);
  const label = meta?.[1];
  // A document that is readable as ASCII here cannot be UTF-16, whatever it says (HTML spec, "prescan").
  if (label && /^utf-?16/i.test(label)) return 'utf-8';
  return label;
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return undefined; // an unknown label: fall through to the next source of truth
  }
}

/**
 * Decodes a body: a byte-order mark wins, then the Content-Type charset, then the document's own
 * declaration, then UTF-8. Malformed bytes become U+FFFD rather than failing.
 */
export function decodeBody(body: Uint8Array, contentType?: string): string {
  const decoder =
    decoderFor(bomCharset(body)) ??
    decoderFor(charsetFromContentType(contentType)) ??
    decoderFor(declaredCharset(body)) ??
    new TextDecoder('utf-8');
  // TextDecoder drops a BOM matching its own encoding; other BOMs cannot survive a successful label match.
  return decoder.decode(body);
}
