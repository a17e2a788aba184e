// Once per `npm test`: build the program the CLI tests spawn, and give the PostgreSQL tests a server.
//
// Tests that spawn `bin/blocwatch.js` run the built program: build it first when the sources are newer.
//
// PostgreSQL: a TEST_DATABASE_URL already set is used as it is. Otherwise, where PostgreSQL's server
// programs exist (on PATH, or in the system's postgresql/<version>/bin), a throwaway cluster is made in a
// temporary directory (initdb, as the `postgres` user when this process is root, since initdb refuses
// root), started on a free port of 127.0.0.1, handed to the tests as TEST_DATABASE_URL and removed at the
// end. With no server programs at all, the PostgreSQL tests skip, and the last lines of the run say so.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';

const POSTGRES_BINS = '/usr/lib/postgresql';

export default async function setup(): Promise<() => void> {
  const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.js'), '--if-stale'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed; see above');
  // Each vitest project runs this setup: the first one starts the cluster (or says there is none) for all.
  if (process.env.TEST_DATABASE_URL || process.env.BLOCWATCH_TEST_NO_POSTGRES) return () => undefined;
  const bin = serverPrograms();
  if (!bin) {
    process.env.BLOCWATCH_TEST_NO_POSTGRES = '1';
    return () =>
      console.warn(
        '\n*** PostgreSQL tests SKIPPED: no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin, and no TEST_DATABASE_URL. ***\n' +
          '*** Install PostgreSQL (apt-get install postgresql) or set TEST_DATABASE_URL to run the store on both engines. ***\n',
      );
  }
  const cluster = await startCluster(bin);
  process.env.TEST_DATABASE_URL = cluster.url;
  return cluster.stop;
}

/** The directory holding initdb and pg_ctl: PATH first, then the newest postgresql/<version>/bin. */
export function serverPrograms(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(delimiter).find((d) => d && existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
  if (onPath) return onPath;
  if (!existsSync(POSTGRES_BINS)) return undefined;
  const versions = readdirSync(POSTGRES_BINS)
    .filter((v) => existsSync(join(POSTGRES_BINS, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(POSTGRES_BINS, versions[0], 'bin');
}

/**
 * Starts a PostgreSQL cluster on a free port of 127.0.0.1: a new one in a temporary directory (removed
 * when stopped), or, given `keep`, the one in that directory, made there the first time and kept.
 */
export async function startCluster(bin: string, keep?: string): Promise<{ url: string; stop: () => void }> {
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'blocwatch-pg-'));
  mkdirSync(dir, { recursive: true });
  // initdb and postgres refuse to run as root: as root, the cluster belongs to the `postgres` user.
  const asUser = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (asUser) chownSync(dir, asUser.uid, asUser.gid);
  const run = (program: string, args: string[]) => {
    const r = spawnSync(join(bin, program), args, { encoding: 'utf8', ...asUser, env: { ...process.env, LC_ALL: 'C' } });
    if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} failed:\n${r.stderr || r.stdout || r.error}`);
  };
  const data = join(dir, 'data');
  if (!existsSync(join(data, 'PG_VERSION')))
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
  const port = await freePort();
  // Durability off: the cluster lives for one test run. Sockets in the cluster's own directory.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  run('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', join(dir, 'server.log'), '-o', options]);
  const stop = () => {
    spawnSync(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w'], { ...asUser, stdio: 'ignore' });
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

function postgresUser(): { uid: number; gid: number } {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) {
    throw new Error(`running as ${userInfo().username}: initdb refuses root, and there is no 'postgres' user to run it as`);
  }
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** A port of 127.0.0.1 free just now (for a server started right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
