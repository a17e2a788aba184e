// Tests that spawn `bin/blocwatch.js` run the built program: build it first when the sources are newer.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.js'), '--if-stale'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed; see above');
}
