// /chart through the dispatcher, the console and the CLI: a picture with its text, clear errors.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asReply, dispatcher, member, tempDir, textOf } from '../helpers.ts';
import { pngInfo } from './png.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const d = await dispatcher();

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'blocwatch.js');
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK|DIGEST|HTTP|DATABASE)_/.test(k)));
function run(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    env: { ...cleanEnv, DATABASE_PATH: join(tmp.dir, 'cli.db'), LOG_LEVEL: 'warn', NO_COLOR: '1', TMPDIR: tmp.dir },
    cwd: tmp.dir,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('/chart', () => {
  it('answers /chart membership with the CSTO picture, alt text, a caption and the history as text', async () => {
    const r = asReply(await d.runText('chart', 'membership', member));
    expect(r.visibility).toBe('public');
    expect(r.files).toHaveLength(1);
    const file = r.files![0]!;
    expect(file.name).toBe('csto-membership.png');
    expect(pngInfo(file.bytes).width).toBe(1100);
    expect(file.alt).toContain('Armenia: member from 15 May 1992');
    expect(file.alt.length).toBeLessThanOrEqual(1000);
    expect(r.caption).toMatch(/^CSTO membership, 1991 to .+: 9 countries, \d+ key events marked/);
    const text = textOf(r);
    expect(text).toContain(
      'Armenia: Member since 15 May 1992 → Member (founding) since 7 Oct 2002 → Member, participation frozen since 22 Feb 2024',
    );
    expect(text).toContain('Uzbekistan');
  });

  it('draws another bloc and a country across blocs, each its own picture', async () => {
    const sco = asReply(await d.runText('chart', 'membership sco', member));
    const armenia = asReply(await d.runText('chart', 'country Yerevan', member));
    const csto = asReply(await d.runText('chart', 'membership', member));
    expect(sco.files![0]!.name).toBe('sco-membership.png');
    expect(armenia.files![0]!.name).toBe('armenia-blocs.png');
    expect(textOf(armenia)).toContain('EAEU');
    const bytes = [sco, armenia, csto].map((x) => Buffer.from(x.files![0]!.bytes).toString('base64'));
    expect(new Set(bytes).size).toBe(3);
  });

  it('says what to fix for a wrong or missing name, privately, with no file', async () => {
    const miss = asReply(await d.runText('chart', 'membership csot', member));
    expect(miss.visibility).toBe('private');
    expect(miss.files).toBeUndefined();
    expect(textOf(miss)).toContain('Did you mean CSTO?');
    expect(textOf(asReply(await d.runText('chart', 'membership armenia', member)))).toContain('"armenia" is a country, not a bloc');
    expect(textOf(asReply(await d.runText('chart', 'country', member)))).toContain('country is required');
    expect(textOf(asReply(await d.runText('chart', 'country france', member)))).toContain('France has no membership history');
  });

  it('completes bloc and country names', async () => {
    expect(d.complete('chart', 'membership', 'bloc', 'sc').map((c) => c.value)).toContain('sco');
    expect(d.complete('chart', 'country', 'country', 'arm').map((c) => c.value)).toContain('armenia');
  });
});

describe('chart on the command line', () => {
  it('writes a valid PNG with --out and prints its path', async () => {
    const out = join(tmp.dir, 'sco.png');
    const r = run(['chart', 'membership', '--bloc', 'sco', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(out);
    const info = pngInfo(readFileSync(out));
    expect(info.width).toBe(1100);
    expect(info.height).toBeGreaterThan(400);
  });

  it('draws a country, and refuses an unknown bloc with a suggestion and exit code 1', async () => {
    const out = join(tmp.dir, 'nested', 'armenia.png');
    expect(run(['chart', 'country', 'armenia', '--out', out]).code).toBe(0);
    expect(pngInfo(readFileSync(out)).width).toBe(1100);
    const bad = run(['chart', 'membership', '--bloc', 'csot', '--out', join(tmp.dir, 'x.png')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Did you mean CSTO?');
    expect(existsSync(join(tmp.dir, 'x.png'))).toBe(false);
  });

  it('writes the picture from the console under the temp directory and prints its path', async () => {
    const r = run(['console'], '/chart membership\n');
    expect(r.code).toBe(0);
    const path = /Picture: (\S+)/.exec(r.out)?.[1];
    expect(path).toBe(join(tmp.dir, 'blocwatch-charts', 'csto-membership.png'));
    expect(pngInfo(readFileSync(path!)).width).toBe(1100);
    expect(r.out).toContain('Armenia');
  });
});
