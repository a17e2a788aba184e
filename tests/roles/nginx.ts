// deploy/nginx.conf, run here on loopback: the compose proxy's own configuration with its upstream
// servers (web-1:3000, web-2:3000, found through Docker's DNS) replaced by local addresses and its
// files kept in a temporary directory. Used by tests/roles/compose.test.ts (compose.yaml's processes
// started by hand) and the replicas-web bench.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CONFIG = join(import.meta.dirname, '..', '..', 'deploy', 'nginx.conf');

/** nginx's path, or undefined when it is not installed. */
export function nginxProgram(): string | undefined {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx']) if (existsSync(p)) return p;
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() || undefined : undefined;
}

/** deploy/nginx.conf listening on 127.0.0.1:`port`, with `upstreams` (host:port) as its servers. */
export function loopbackConfig(port: number, upstreams: readonly string[], dir: string): string {
  const text = readFileSync(CONFIG, 'utf8');
  const servers = upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=5s;`).join('\n');
  let replaced = false;
  const adapted = text
    .replace(/^\s*resolver .*\n/m, '')
    .replace(/^(\s*server web-\d:3000 .*\n)+/m, () => {
      replaced = true;
      return `${servers}\n`;
    })
    .replace(/^(\s*)listen 3000;/m, `$1listen 127.0.0.1:${port};`);
  if (!replaced) throw new Error(`${CONFIG}: no 'server web-N:3000' lines to replace`);
  // Running as root, nginx would hand its workers to `nobody`, who cannot read the temporary directory.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}pid ${join(dir, 'nginx.pid')};\nerror_log ${join(dir, 'error.log')} warn;\n${adapted}`;
}

export interface NginxProxy {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts nginx in the foreground with the loopback configuration and waits for it to accept connections. */
export async function startProxy(program: string, port: number, upstreams: readonly string[]): Promise<NginxProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'blocwatch-nginx-'));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, loopbackConfig(port, upstreams, dir));
  const child = spawn(program, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log'), '-g', 'daemon off;'], { stdio: 'ignore' });
  for (let t = 0; t < 100; t++) {
    if (await accepts(port)) break;
    if (child.exitCode !== null) throw new Error(`nginx exited: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGQUIT');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}
