// The dateline opening a story ("YEREVAN, June 24 (Reuters) –", "МИНСК, 4 июля. /ТАСС/."): the place
// and day the story was filed, not its event. Its own module so that reading it never loads chrono-node.
// "CITY, Month D (Agency) –" or "ГОРОД, D месяца. /Агентство/." opening the first paragraph.
const DATELINE =
  /^\s*[\p{Lu}][\p{Lu}\p{L} .'’-]{1,40},\s*(?:\p{L}{3,9}\.?\s+\d{1,2}|\d{1,2}\s+\p{L}{3,9}\.?)(?:,?\s+\d{4})?\s*(?:\([^)]{1,40}\)|\/[^/]{1,30}\/)?\s*\.?\s*[-–—:]?\s*/u;

/** The dateline opening a text, if it has one: the words it takes. */
export function datelineOf(text: string): string | undefined {
  const m = DATELINE.exec(text);
  return m && /\d/.test(m[0]) ? m[0] : undefined;
}
