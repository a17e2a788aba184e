// The project's shape, checked: imports point down the layers, platform libraries stay in their platform's
// folder, no file or folder imports itself round a cycle, no source file (nor protocol stand-in)
// grows past 400 lines, the intake service loads no article-reading package (reader threads do), and the
// public web (src/web/) holds no SQL and awaits every store call it makes.
//
// Layers, bottom to top (a file may import its own layer or any layer below, never one above):
//
//   0 domain      src/domain/, src/reply.ts, src/presentation/, src/channels.ts   types and rules, no I/O
//   1 dataset     src/dataset/                                                    the curated seed data
//   2 store       src/store/, src/core.ts, src/config.ts, src/log.ts, src/http/,  SQLite behind classes the
//                 src/answer-cache.ts, src/metrics/                               layers above call; infrastructure
//   3 services    src/digest/, src/alerts/, src/intake/, src/chart/, src/io.ts,   digest and alert delivery, news intake, charts,
//                 src/web/                                                        the public web
//   4 commands    commands/, src/dispatch.ts, src/grammar.ts, src/platform.ts     handlers returning neutral replies
//   5 platforms   src/discord/, src/slack/, src/console/                          parse, auth, render, send; never each other
//   6 app         src/app.ts, src/cli.ts, src/cli-kit.ts, src/intake-cli.ts,       composition root and command line
//                 src/alert-cli.ts, src/db-cli.ts, bin/
//
// The same table is drawn in docs/architecture.md; change both together.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['src', 'commands', 'bin'];
/** Held to the line limit too, though outside the layers: the protocol stand-ins grow with every rule. */
const SIZE_CHECKED_TEST_DIRS = ['tests/fakes'];
const MAX_LINES = 400;

const LAYERS: readonly { name: string; paths: readonly string[] }[] = [
  { name: 'domain', paths: ['src/domain/', 'src/reply.ts', 'src/presentation/', 'src/channels.ts'] },
  { name: 'dataset', paths: ['src/dataset/'] },
  {
    name: 'store',
    paths: ['src/store/', 'src/core.ts', 'src/config.ts', 'src/log.ts', 'src/http/', 'src/answer-cache.ts', 'src/metrics/'],
  },
  { name: 'services', paths: ['src/digest/', 'src/alerts/', 'src/intake/', 'src/chart/', 'src/io.ts', 'src/web/'] },
  { name: 'commands', paths: ['commands/', 'src/dispatch.ts', 'src/grammar.ts', 'src/platform.ts'] },
  { name: 'platforms', paths: ['src/discord/', 'src/slack/', 'src/console/'] },
  { name: 'app', paths: ['src/app.ts', 'src/cli.ts', 'src/cli-kit.ts', 'src/intake-cli.ts', 'src/alert-cli.ts', 'src/db-cli.ts', 'bin/'] },
];

const PLATFORM_FOLDERS = ['src/discord/', 'src/slack/', 'src/console/'];

/** Packages only one platform folder may import. */
const PLATFORM_PACKAGES: readonly { pattern: RegExp; folder: string }[] = [
  { pattern: /^(discord\.js|discord-api-types|@discordjs\/)/, folder: 'src/discord/' },
  { pattern: /^@slack\//, folder: 'src/slack/' },
];

interface SourceFile {
  path: string;
  lines: number;
  imports: string[];
  /** The modules loading this one loads: its static imports that are not type-only. */
  loads: string[];
}

const withoutComments = (text: string) => text.replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/(^|\s)\/\/.*$/gm, '$1');

/** Import specifiers of a module: static imports and re-exports (type-only too) and dynamic import(). */
function importsOf(text: string): string[] {
  const code = withoutComments(text);
  const found: string[] = [];
  const statics = /(?:^|[;\n])\s*(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"]+)['"]/g;
  const dynamics = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of code.matchAll(statics)) found.push(m[1]!);
  for (const m of code.matchAll(dynamics)) found.push(m[1]!);
  return found;
}

/** Specifiers of the static imports and re-exports that are not type-only: what loads with the module. */
function loadsOf(text: string): string[] {
  const loading = /(?:^|[;\n])\s*(?:import|export)\s+(?!type\s)(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"]+)['"]/g;
  return [...withoutComments(text).matchAll(loading)].map((m) => m[1]!);
}

/** Every package the given files load, following their relative imports as loading does. */
function packagesLoadedBy(files: readonly SourceFile[], roots: readonly string[]): Set<string> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const spec of byPath.get(path)?.loads ?? []) {
      const to = target(path, spec);
      if (to) visit(to);
      else packages.add(spec);
    }
  };
  for (const r of roots) visit(r);
  return packages;
}

/** Calls of a store through the core (`core.events.get(`) that are not awaited. */
function storeCallViolations(code: string): string[] {
  return [...code.matchAll(/(await\s+)?\b((?:ctx\.)?core\.\w+\.\w+\()/g)].filter((m) => !m[1]).map((m) => m[2]!);
}

function walk(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return walk(path);
    return /\.(ts|js)$/.test(e.name) ? [path] : [];
  });
}

function readSources(dirs: readonly string[] = SOURCE_DIRS): SourceFile[] {
  return dirs.flatMap(walk).map((path) => {
    const text = readFileSync(join(ROOT, path), 'utf8');
    return { path, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), imports: importsOf(text), loads: loadsOf(text) };
  });
}

function layerOf(path: string): number {
  return LAYERS.findIndex((l) => l.paths.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p)));
}

const platformOf = (path: string) => PLATFORM_FOLDERS.find((f) => path.startsWith(f));

/** A relative specifier as a repository path; undefined for packages and node: builtins. */
function target(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return relative(ROOT, resolve(ROOT, dirname(from), spec))
    .split('\\')
    .join('/');
}

function layerViolations(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const from = layerOf(f.path);
    for (const spec of f.imports) {
      const to = target(f.path, spec);
      if (!to) continue;
      const toLayer = layerOf(to);
      if (toLayer > from) out.push(`${f.path} (${LAYERS[from]!.name}) imports ${to} (${LAYERS[toLayer]!.name}), a higher layer`);
      const here = platformOf(f.path);
      const there = platformOf(to);
      if (here && there && here !== there) out.push(`${f.path} imports ${to}: one platform folder never imports another`);
    }
  }
  return out;
}

function packageViolations(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    for (const spec of f.imports) {
      const rule = PLATFORM_PACKAGES.find((p) => p.pattern.test(spec));
      if (rule && !f.path.startsWith(rule.folder)) out.push(`${f.path} imports ${spec}, which belongs in ${rule.folder} only`);
    }
  }
  return out;
}

/** Strongly connected components of more than one node (or a node importing itself): Tarjan's algorithm. */
function cycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || edges.get(v)?.has(v)) found.push(scc.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Files directly in src/ are mixed layers, so each counts as its own unit; elsewhere a folder is one. */
const folderOf = (path: string) => (dirname(path) === 'src' ? path : dirname(path));

function importGraph(files: readonly SourceFile[], unit: (path: string) => string = (p) => p): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const f of files) {
    const from = unit(f.path);
    if (!edges.has(from)) edges.set(from, new Set());
    for (const spec of f.imports) {
      const to = target(f.path, spec);
      if (!to) continue;
      const toUnit = unit(to);
      if (toUnit !== from || to === f.path) edges.get(from)!.add(toUnit);
    }
  }
  return edges;
}

describe('architecture', () => {
  const files = readSources();

  it('finds the source files and their imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(
      importsOf(
        "import type { A } from './a.ts';\nexport { b } from '../b.ts';\nconst c = await import('./c.ts');\n// import x from './no.ts';",
      ),
    ).toEqual(['./a.ts', '../b.ts', './c.ts']);
  });

  it('gives every source file a layer', () => {
    expect(files.filter((f) => layerOf(f.path) < 0).map((f) => f.path)).toEqual([]);
  });

  it('imports only from the same layer or below, and no platform folder imports another', () => {
    expect(layerViolations(files)).toEqual([]);
  });

  it('keeps discord.js, discord-api-types and Bolt inside their platform folders', () => {
    expect(packageViolations(files)).toEqual([]);
  });

  it('has no import cycles between files', () => {
    expect(cycles(importGraph(files))).toEqual([]);
  });

  it('has no import cycles between folders', () => {
    expect(cycles(importGraph(files, folderOf))).toEqual([]);
  });

  it(`keeps every source file and stand-in within ${MAX_LINES} lines`, () => {
    const all = [...files, ...readSources(SIZE_CHECKED_TEST_DIRS)];
    expect(all.some((f) => f.path === 'tests/fakes/discord/index.ts')).toBe(true);
    expect(all.filter((f) => f.lines > MAX_LINES).map((f) => `${f.path}: ${f.lines} lines`)).toEqual([]);
  });

  it('loads no article-reading package with the intake service: a bot reads its pages on reader threads', () => {
    expect(loadsOf("import type { A } from 'a';\nimport { b, type C } from 'b';\nexport type { D } from 'd';\nexport * from 'e';")).toEqual(
      ['b', 'e'],
    );
    const loaded = packagesLoadedBy(files, ['src/intake/pipeline/start.ts', 'src/intake/pipeline/service.ts', 'commands/source.ts']);
    expect(loaded.has('feedsmith')).toBe(true);
    // Readability, chrono and franc hold ~10 MB of heap: the main thread loads them only to read a page itself.
    expect([...loaded].filter((p) => /^(@mozilla\/readability|chrono-node|franc-min)$/.test(p))).toEqual([]);
  });

  it('keeps SQL out of the web, and awaits every store call there (the store is becoming async)', () => {
    const web = files.filter((f) => f.path.startsWith('src/web/'));
    expect(web.length).toBeGreaterThan(5);
    const texts = web.map((f) => ({ path: f.path, code: withoutComments(readFileSync(join(ROOT, f.path), 'utf8')) }));
    expect(storeCallViolations('const a = await ctx.core.events.get(1);\nconst b = core.published.latest(3);')).toEqual([
      'core.published.latest(',
    ]);
    const problems = texts.flatMap(({ path, code }) => [
      ...(/\.prepare\(|\bcore\.db\b|better-sqlite3|\bSELECT\s/.test(code)
        ? [`${path}: SQL or the database handle; put the query in src/store/`]
        : []),
      ...storeCallViolations(code).map((call) => `${path}: ${call}… without await`),
    ]);
    expect(problems).toEqual([]);
    expect(web.flatMap((f) => f.imports.filter((s) => /store\/db\.ts$/.test(s)).map((s) => `${f.path} imports ${s}`))).toEqual([]);
  });

  it('relative imports name files that exist', () => {
    const known = new Set(files.map((f) => f.path));
    // Data a module imports (a model's weights as JSON) is a file of its own, not a source.
    const exists = (t: string) => known.has(t) || (/\.json$/.test(t) && existsSync(join(ROOT, t)));
    const missing = files.flatMap((f) => f.imports.map((s) => target(f.path, s)).filter((t): t is string => t !== undefined && !exists(t)));
    expect(missing).toEqual([]);
  });
});
