// `node --import tsx eval/intake/check-corpus.ts`: checks every corpus file and prints its size (no
// per-article detail, so that running it never shows the held-out part).
import { loadCorpus } from './corpus.ts';

const groups = loadCorpus();
const count = (split?: string) => {
  const gs = groups.filter((g) => !split || g.split === split);
  const stories = gs.flatMap((g) => g.stories);
  const articles = [...stories.flatMap((s) => s.articles), ...gs.flatMap((g) => g.noise ?? [])];
  return {
    groups: gs.length,
    stories: stories.length,
    articles: articles.length,
    relevant: stories.reduce((n, s) => n + s.articles.length, 0),
    noise: gs.reduce((n, g) => n + (g.noise?.length ?? 0), 0),
    russian: articles.filter((a) => a.lang === 'rus').length,
    armenian: articles.filter((a) => a.lang === 'hye').length,
    outlets: new Set(articles.map((a) => a.outlet)).size,
    multiOutlet: stories.filter((s) => new Set(s.articles.map((a) => a.outlet)).size >= 3).length,
    linked: stories.filter((s) => s.event).length,
  };
};
console.table({ all: count(), tune: count('tune'), heldout: count('heldout') });
