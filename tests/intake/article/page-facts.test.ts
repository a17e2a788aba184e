// The page's own metadata (headline, site, publication date) and the selector semantics any faster
// way of reading it must keep: the first element of each kind decides, a script's type is compared
// without case, and nothing inside a <template> counts.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/intake/article/index.ts';
import { page } from './helpers.ts';

const base = page('000-epoch-armenia-us-belarus-sco.html')
  .replace(/<meta property="article:published_time"[^>]*>/, '')
  .replace(/<script type="application\/ld\+json">[^<]*<\/script>/, '');
const withHead = (extra: string): string => base.replace('</head>', `${extra}</head>`);
const URL = 'https://example.com/a';

describe('page metadata', () => {
  it('reads JSON-LD whatever the case of its type, before a <time> element', () => {
    const a = extractArticle(
      withHead('<script type="Application/LD+JSON">{"datePublished": "2024-07-08T10:00:00Z"}</script>').replace(
        '<body>',
        '<body><time datetime="2020-01-01">then</time>',
      ),
      URL,
    );
    expect(a?.publishedAt).toBe('2024-07-08T10:00:00Z');
  });

  it('ignores a script whose type only resembles JSON-LD, and falls back to <time>', () => {
    const a = extractArticle(
      withHead('<script type="application/ld+json ">{"datePublished": "2024-07-08T10:00:00Z"}</script>').replace(
        '<body>',
        '<body><time>no date</time><time datetime="2024-07-07">July 7</time>',
      ),
      URL,
    );
    expect(a?.publishedAt).toBe('2024-07-07');
  });

  it('lets the first og:title decide, even an empty one, and skips template content', () => {
    const h1 = 'Armenia Asks for Partnership with US as Belarus Joins Russia-Led Regional Bloc';
    const emptyFirst = base
      .replace(/(<meta property="og:title" content=")[^"]*/, '$1A later og:title that must not win')
      .replace('<title>', '<meta property="og:title" content=" "><title>');
    expect(extractArticle(emptyFirst, URL)?.title).toBe(h1);
    const templated = base
      .replace(/<meta property="og:title"[^>]*>/, '')
      .replace('<body>', '<body><template><h1>Not the headline</h1></template>');
    expect(extractArticle(templated, URL)?.title).toBe(h1);
  });
});
