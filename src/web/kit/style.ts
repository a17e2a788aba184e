// The one stylesheet, served as /style.css: no inline style anywhere, so the Content-Security-Policy
// can forbid it. System fonts, a readable measure, contrast of at least 7:1 for body text in both
// colour schemes, and nothing wider than a phone's screen.
import { createHash } from 'node:crypto';

export const STYLESHEET = `:root {
  color-scheme: light dark;
  --fg: #1b1b1b; --muted: #4a4a4a; --bg: #ffffff; --panel: #f4f4f2; --line: #d6d6d0;
  --link: #0a4ea8; --visited: #5b2a86; --accent: #8a1c1c; --mark: #fff1a8;
  --ok: #175c2e; --warn: #7a4a00; --off: #555555;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #ececec; --muted: #c4c4c4; --bg: #121212; --panel: #1d1d1d; --line: #3a3a3a;
    --link: #8ec5ff; --visited: #d3b3ff; --accent: #ff9b9b; --mark: #5c4d00;
    --ok: #8be0a4; --warn: #ffcc7a; --off: #bdbdbd;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--link); text-underline-offset: 0.15em; }
a:visited { color: var(--visited); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 0.5rem; top: 0.5rem; background: var(--bg); padding: 0.25rem 0.5rem; }
.site, main, .foot { max-width: 48rem; margin: 0 auto; padding: 0 1rem; }
.site { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.25rem; padding-top: 0.75rem; padding-bottom: 0.75rem;
  border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; font-size: 1.15rem; color: var(--accent); text-decoration: none; }
.brand:visited { color: var(--accent); }
.site nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; list-style: none; margin: 0; padding: 0; }
.site form { margin-left: auto; display: flex; gap: 0.4rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 1.5rem 0 0.5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 0.2rem; }
.lede, .meta, .note { color: var(--muted); }
.meta { font-size: 0.92rem; margin: 0 0 0.3rem; }
.note { font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem 0.4rem 0; border-bottom: 1px solid var(--line); }
td time { white-space: nowrap; }
th { font-size: 0.9rem; color: var(--muted); font-weight: 600; }
.status { font-weight: 600; }
.status-ok { color: var(--ok); }
.status-warn { color: var(--warn); }
.status-off { color: var(--off); }
.events { list-style: none; margin: 0; padding: 0; }
.events > li { padding: 0.9rem 0; border-bottom: 1px solid var(--line); }
.events p { margin: 0.25rem 0; }
.sources { font-size: 0.92rem; }
mark { background: var(--mark); color: inherit; }
.blocs { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.75rem; list-style: none; padding: 0; }
.blocs li { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 0.75rem; }
.blocs p { margin: 0.2rem 0 0; font-size: 0.92rem; }
figure { margin: 1rem 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
figcaption { font-size: 0.9rem; color: var(--muted); margin-top: 0.4rem; }
figcaption ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.6rem 1rem; background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem; margin: 0.75rem 0; }
.filters div { display: flex; flex-direction: column; }
label { font-size: 0.9rem; font-weight: 600; }
input, select, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: 4px; padding: 0.35rem 0.5rem; }
input[type="text"] { width: 9rem; }
input[type="search"] { width: 12rem; max-width: 100%; }
button { background: var(--link); border-color: var(--link); color: var(--bg); font-weight: 600; cursor: pointer; }
.error { color: var(--accent); font-weight: 600; }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin: 1rem 0; }
.history { padding-left: 1.2rem; }
.changes { list-style: none; padding-left: 0; }
.changes li { padding: 0.15rem 0; }
.history li { margin-bottom: 0.6rem; }
.history del, .history ins { text-decoration: none; }
.history del::before { content: "was: "; color: var(--muted); }
.history ins::before { content: "now: "; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.foot { margin-top: 2.5rem; padding-top: 0.75rem; padding-bottom: 2rem; border-top: 1px solid var(--line); font-size: 0.9rem; color: var(--muted); }
@media (max-width: 36rem) {
  h1 { font-size: 1.45rem; }
  .site form { margin-left: 0; width: 100%; }
  .site form input { flex: 1; }
  th, td { padding-right: 0.3rem; }
}
`;

/** The site's icon: a dark red square with a white "b", drawn as SVG so it is a few hundred bytes. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#8a1c1c"/><path d="M10 6h4v8.5a6.5 6.5 0 1 1-4 6V6zm6.5 10.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z" fill="#fff"/></svg>\n`;

/** Changes with the stylesheet, so cached pages are refetched when the design changes. */
export const STYLESHEET_HASH = createHash('sha256').update(STYLESHEET).digest('base64url').slice(0, 10);
