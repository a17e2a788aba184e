// The production artifact as an operator deploys it: the built dist/ with the production dependencies
// alone (no tsx, no TypeScript) in a copy of its own, answering on the console and serving /healthz;
// and the container files checked against the build they package.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { generateInteractionKeys, startDiscordFake, type DiscordFake } from './fakes/discord/index.ts';
import { tempDir } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..');
const DEV_ONLY = ['tsx', 'typescript', 'vitest', '@biomejs/biome', 'esbuild'];
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK|DIGEST|HTTP|DATABASE|METRICS)_/.test(k)));

const PLATFORM_LIBRARIES = /^(discord\.js|@discordjs\/|@slack\/|prom-client|@napi-rs\/canvas)/;
/** Loaded on first use, never to answer on the console: pino (nothing logs), commander, luxon, node-cron. */
const LOADED_ON_FIRST_USE = /^(pino|commander|luxon|node-cron)$/;
/**
 * A module hook, written beside the copy, that names on stderr every package module loaded through import;
 * TRACE_LOADS adds, as the process exits, every one loaded through require() (the bundle is CommonJS).
 */
const TRACE_HOOK = `export async function load(url, context, next) {
  if (url.includes('/node_modules/')) process.stderr.write('LOADED ' + url + '\\n');
  return next(url, context);
}`;

/** The packages a traced process loaded, by name. */
function loads(stderr: string): string[] {
  const names = [...stderr.matchAll(/^LOADED .*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]!);
  return [...new Set(names)];
}

/** Dockerfile instructions, continuation lines joined and comments dropped, in order. */
function dockerfile(): { op: string; args: string }[] {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op = '', ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** compose.yaml's services, each as the text of its block (the lines indented under its name). */
function composeServices(compose: string): Map<string, string> {
  const body = compose
    .slice(compose.search(/^services:$/m))
    .split('\n')
    .slice(1);
  const blocks = new Map<string, string>();
  let current: string | undefined;
  for (const line of body) {
    if (/^\S/.test(line)) break;
    const name = /^ {2}([\w-]+):$/.exec(line)?.[1];
    if (name) {
      current = name;
      blocks.set(name, '');
    } else if (current) blocks.set(current, `${blocks.get(current)}${line}\n`);
  }
  return blocks;
}

/** The exec-form argument list of an instruction such as CMD ["node", "bin/blocwatch.js", "start"]. */
const execForm = (args: string) => JSON.parse(args.slice(args.indexOf('['))) as string[];

/** Copies a directory tree with hard links where the filesystem allows (fast, no extra space). */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const [src, dst] = [join(from, e.name), join(to, e.name)];
    if (e.isDirectory()) linkTree(src, dst);
    else if (e.isFile()) {
      try {
        linkSync(src, dst);
      } catch {
        copyFileSync(src, dst);
      }
    }
  }
}

/**
 * node_modules with the production dependencies alone, as `npm ci --omit=dev` would leave it, built from
 * the installed tree with `npm ls --omit=dev` instead of the registry: tests never leave 127.0.0.1.
 */
function productionModules(target: string): void {
  const r = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm ls failed: ${r.stderr}`);
  const top = new Set<string>();
  for (const path of r.stdout.split('\n')) {
    const inside = relative(join(ROOT, 'node_modules'), path).split('/');
    if (!path || inside[0] === '..' || inside[0] === '') continue;
    // Top-level packages only: a package's nested node_modules comes with it.
    top.add(inside[0]!.startsWith('@') ? `${inside[0]}/${inside[1]}` : inside[0]!);
  }
  for (const name of top) linkTree(join(ROOT, 'node_modules', name), join(target, 'node_modules', name));
}

describe('the production install', () => {
  const tmp = tempDir('blocwatch-prod-');
  const app = join(tmp.dir, 'app');
  const TRACE_LOADS = join(tmp.dir, 'trace-loads.mjs');
  let fake: DiscordFake;

  beforeAll(async () => {
    fake = await startDiscordFake();
    mkdirSync(app);
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(ROOT, f), join(app, f));
    linkTree(join(ROOT, 'dist'), join(app, 'dist'));
    linkTree(join(ROOT, 'bin'), join(app, 'bin'));
    productionModules(app);
    writeFileSync(join(tmp.dir, 'trace-hook.mjs'), TRACE_HOOK);
    writeFileSync(
      TRACE_LOADS,
      `import { createRequire, register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(tmp.dir, 'trace-hook.mjs')).href)});\n` +
        `const required = createRequire(import.meta.url).cache;\n` +
        // One line per package: the directory each required file sits in, up to the package's name.
        `process.on('exit', () => { const dirs = new Set(Object.keys(required).map((f) => f.replace(/(\\/node_modules\\/(@[^/]+\\/)?[^/]+\\/).*/, '$1'))); ` +
        `process.stderr.write([...dirs].map((d) => 'LOADED ' + d + '\\n').join('')); });\n`,
    );
  }, 120_000);
  afterAll(async () => {
    await fake?.close();
    tmp.cleanup();
  });

  it('holds the production dependencies and none of the build tools', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const dev of DEV_ONLY) expect(pkg.dependencies[dev], `${dev} must be a dev dependency`).toBeUndefined();
    for (const dev of DEV_ONLY) expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    for (const dep of Object.keys(pkg.dependencies)) expect(existsSync(join(app, 'node_modules', dep)), dep).toBe(true);
    expect(existsSync(join(app, 'src'))).toBe(false);
  });

  it('answers on the console', async () => {
    const r = spawnSync(process.execPath, ['bin/blocwatch.js', 'console'], {
      cwd: app,
      input: '/csto status armenia\n',
      env: { ...cleanEnv, DATABASE_PATH: join(tmp.dir, 'console.db'), NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Armenia in the CSTO: Member, participation frozen');
  });

  it('loads no chat platform library, no metrics, no canvas and nothing it does not use for the console', async () => {
    const r = spawnSync(process.execPath, ['--import', TRACE_LOADS, 'bin/blocwatch.js', 'console'], {
      cwd: app,
      input: '/csto status armenia\n',
      env: { ...cleanEnv, DATABASE_PATH: join(tmp.dir, 'console.db'), NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stdout).toContain('Armenia in the CSTO');
    const loaded = loads(r.stderr);
    // The trace sees the packages left in node_modules (zod is compiled into the bundle).
    expect(loaded).toContain('better-sqlite3');
    expect(loaded.filter((p) => PLATFORM_LIBRARIES.test(p))).toEqual([]);
    expect(loaded.filter((p) => LOADED_ON_FIRST_USE.test(p))).toEqual([]);
    // The PostgreSQL driver loads only for a DATABASE_URL (src/store/open.ts imports it lazily).
    expect(loaded.filter((p) => /^pg($|-)/.test(p))).toEqual([]);
  });

  it('starts the bot, serves /healthz and /metrics, passes the image HEALTHCHECK, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', TRACE_LOADS, 'bin/blocwatch.js', 'start'], {
      cwd: app,
      env: {
        ...cleanEnv,
        DATABASE_PATH: join(tmp.dir, 'bot.db'),
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_INTERACTIONS: 'http',
        DISCORD_PUBLIC_KEY: generateInteractionKeys().publicKeyHex,
        HTTP_PORT: '0',
        METRICS_ENABLED: 'true',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A failed expectation below must not leave the bot running after the test.
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let logs = '';
    child.stdout!.on('data', (d) => (logs += d));
    child.stderr!.on('data', (d) => (logs += d));
    for (let t = 0; t < 600 && !logs.includes('blocwatch is running') && child.exitCode === null; t++)
      await new Promise((r) => setTimeout(r, 50));
    const url = /"url":"(http:\/\/[^"]+)"/.exec(logs)?.[1];
    expect(url, logs).toBeDefined();

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      ok: true,
      role: 'all',
      store: 'sqlite',
      gateway: 'off',
      platforms: ['discord-http', 'digests', 'alerts', 'intake'],
    });
    expect(await (await fetch(`${url}/metrics`)).text()).toContain('blocwatch_database_size_bytes');

    const healthcheck = execForm(dockerfile().find((i) => i.op === 'HEALTHCHECK')!.args);
    const port = new URL(url!).port;
    const probe = () =>
      spawnSync(healthcheck[0] === 'node' ? process.execPath : healthcheck[0]!, healthcheck.slice(1), {
        env: { ...cleanEnv, HTTP_PORT: port },
        timeout: 20_000,
      }).status;
    expect(probe()).toBe(0);

    child.kill('SIGTERM');
    // 'close', not 'exit': the trace of required packages is written as the process exits.
    const [code] = await once(child, 'close');
    expect(code).toBe(0);
    expect(logs).toContain('shutting down');
    expect(probe()).toBe(1);
    // Discord only: discord.js and prom-client loaded, Bolt not.
    const loaded = loads(logs);
    expect(loaded).toContain('discord.js');
    expect(loaded).toContain('prom-client');
    expect(loaded.filter((p) => p.startsWith('@slack/'))).toEqual([]);
  }, 60_000);
});

describe('the build', () => {
  it('leaves a V8 code cache for the bundle that Node accepts', async () => {
    // What bin/load-bundle.js does on every start, asked whether V8 took the cache or compiled anew.
    const loader = JSON.stringify(pathToFileURL(join(ROOT, 'bin', 'load-bundle.js')).href);
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { readFileSync } from 'node:fs'; import { BUNDLE, cacheFileFor, compileBundle } from ${loader};
         const source = readFileSync(BUNDLE, 'utf8');
         process.stdout.write(String(compileBundle(source, readFileSync(cacheFileFor(source))).cachedDataRejected));`,
      ],
      { encoding: 'utf8', env: cleanEnv },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('false');
  });

  it('bundles zod without the locales the program never uses', async () => {
    // `import { z } from 'zod'` anywhere makes esbuild keep zod's whole namespace, its ~60 locales with it.
    const bundle = readdirSync(join(ROOT, 'dist', 'src'), { recursive: true })
      .filter((f) => String(f).endsWith('.js'))
      .map((f) => readFileSync(join(ROOT, 'dist', 'src', String(f)), 'utf8'))
      .join('\n');
    expect(bundle).toMatch(/zod\/v4\/core\/schemas\.js/);
    const locales = new Set(bundle.match(/zod\/v4\/locales\/[\w-]+\.js/g));
    // The namespace module stays, empty: esbuild dropped what it re-exports and the program never uses.
    locales.delete('zod/v4/locales/index.js');
    expect([...locales]).toEqual(['zod/v4/locales/en.js']);
  });
});

describe('the container files', () => {
  const steps = dockerfile();
  const stages = steps.map((s, i) => ({ ...s, i })).filter((s) => s.op === 'FROM');
  const runtime = steps.slice(stages.at(-1)!.i);
  const value = (op: string) => runtime.find((s) => s.op === op)?.args;
  const env = Object.fromEntries([...(value('ENV') ?? '').matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
  const defaults = loadConfig({});

  it('builds in one stage and runs in a slim one, as a user other than root', async () => {
    expect(stages.map((s) => s.args)).toEqual(['node:26-slim AS build', 'node:26-slim']);
    const build = steps.slice(0, stages[1]!.i);
    expect(build.some((s) => s.op === 'RUN' && /python3/.test(s.args) && /g\+\+/.test(s.args))).toBe(true);
    const runBuild = build.findIndex((s) => s.op === 'RUN' && s.args.includes('npm run build') && s.args.includes('--omit=dev'));
    expect(runBuild).toBeGreaterThan(0);
    // The build's code-cache warm-up runs the console through bin/, so bin/ is there before it.
    const copyBin = build.findIndex((s) => s.op === 'COPY' && /^bin\s/.test(s.args));
    expect(copyBin).toBeGreaterThan(0);
    expect(copyBin).toBeLessThan(runBuild);
    const user = value('USER');
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user!.split(':')[0]);
  });

  it('copies files that exist into the build, and runs the entry the build makes', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      bin: Record<string, string>;
    };
    expect(pkg.scripts.build).toBeDefined();
    for (const s of steps.filter((x) => x.op === 'COPY' && !x.args.startsWith('--from'))) {
      const sources = s.args.split(/\s+/).slice(0, -1);
      for (const src of sources) expect(existsSync(join(ROOT, src)), src).toBe(true);
    }
    const cmd = execForm(value('CMD')!);
    expect(cmd.slice(0, 2)).toEqual(['node', pkg.bin.blocwatch]);
    expect(cmd[2]).toBe('start');
    expect(readFileSync(join(ROOT, cmd[1]!), 'utf8')).toContain("from './load-bundle.js'");
    expect(readFileSync(join(ROOT, 'bin', 'load-bundle.js'), 'utf8')).toContain('../dist/src/bundle/cli.js');
    expect(statSync(join(ROOT, 'dist', 'src', 'bundle', 'cli.js')).isFile()).toBe(true);
    expect(existsSync(join(ROOT, 'dist', 'migrations', 'sqlite', '001_core.sql'))).toBe(true);
    expect(runtime.some((s) => s.op === 'COPY' && s.args.includes('--from=build') && s.args.includes('/app/dist'))).toBe(true);
  });

  it('keeps the database on the volume, listens on every interface at the default port, and checks /healthz', async () => {
    expect(env.DATABASE_PATH).toBe('/data/blocwatch.db');
    expect(value('VOLUME')).toBe('/data');
    expect(env.HTTP_HOST).toBe('0.0.0.0');
    expect(Number(value('EXPOSE'))).toBe(defaults.HTTP_PORT);
    expect(Number(env.HTTP_PORT)).toBe(defaults.HTTP_PORT);
    expect(value('HEALTHCHECK')).toContain("/healthz'");
    expect(value('STOPSIGNAL')).toBe('SIGTERM');
    expect(readFileSync(join(ROOT, 'src', 'app.ts'), 'utf8')).toContain("http.route('GET', '/healthz'");
  });

  it('compose runs it with .env, the volume at /data and the exposed port', async () => {
    const compose = readFileSync(join(ROOT, 'compose.yaml'), 'utf8');
    expect(compose).toMatch(/^\s+env_file: \.env$/m);
    expect(compose).toMatch(/^\s+- blocwatch-data:\/data$/m);
    expect(compose).toMatch(/^\s+DATABASE_PATH: \/data\/blocwatch\.db$/m);
    expect(compose).toMatch(/^\s+HTTP_HOST: 0\.0\.0\.0$/m);
    const ports = /^\s+- "(?:[\d.]+:)?(\d+):(\d+)"$/m.exec(compose);
    expect(Number(ports?.[2])).toBe(Number(value('EXPOSE')));
    expect(compose).toMatch(new RegExp(`^\\s+HTTP_PORT: "${value('EXPOSE')}"$`, 'm'));
  });

  it('compose runs PostgreSQL 17 beside it, healthy before the bot starts, and points the bot at it', async () => {
    const compose = readFileSync(join(ROOT, 'compose.yaml'), 'utf8');
    expect(compose).toMatch(/^\s+image: postgres:17$/m);
    expect(compose).toMatch(/^\s+test: \["CMD-SHELL", "pg_isready -U blocwatch -d blocwatch/m);
    expect(compose).toMatch(/^\s+DATABASE_URL: postgres:\/\/blocwatch:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/blocwatch$/m);
    expect(compose).toMatch(/^\s+postgres:\n\s+condition: service_healthy$/m);
    // The database port stays on the compose network.
    expect(composeServices(compose).get('postgres')).not.toMatch(/ports:/);
  });

  it('compose runs two web replicas behind nginx and one worker, each role from BLOCWATCH_ROLE', async () => {
    const services = composeServices(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'));
    expect([...services.keys()].sort()).toEqual(['postgres', 'proxy', 'web-1', 'web-2', 'worker']);
    for (const [name, role] of [
      ['web-1', 'web'],
      ['web-2', 'web'],
      ['worker', 'worker'],
    ] as const) {
      expect(services.get(name), name).toMatch(/^ {4}<<: \*blocwatch$/m);
      expect(services.get(name), name).toMatch(new RegExp(`^ {6}BLOCWATCH_ROLE: ${role}$`, 'm'));
      expect(services.get(name), name).not.toMatch(/ports:/);
    }
    const proxy = services.get('proxy')!;
    expect(proxy).toMatch(/^ {6}- \.\/deploy\/nginx\.conf:\/etc\/nginx\/nginx\.conf:ro$/m);
    expect(proxy).toMatch(/web-1:\n\s+condition: service_healthy/);
    expect(proxy).toMatch(/web-2:\n\s+condition: service_healthy/);
    // The proxy's upstream names the web services, on the port they listen on; the worker takes no traffic.
    const nginx = readFileSync(join(ROOT, 'deploy', 'nginx.conf'), 'utf8');
    expect([...nginx.matchAll(/^\s*server (\S+):(\d+) /gm)].map((m) => `${m[1]}:${m[2]}`)).toEqual(['web-1:3000', 'web-2:3000']);
    expect(nginx).toMatch(/^\s*listen 3000;$/m);
  });

  it('keeps secrets, local state and installed modules out of the build context', async () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const p of ['.env', 'node_modules', 'dist', 'data', '.git']) expect(ignored).toContain(p);
  });
});
