// The bare baseline of the intake bench, in a child process of its own so that its heap is not counted
// in the pipeline's peak RSS: node:http GET + linkedom + Readability over the bench's article pages, at
// the pipeline's concurrency, after a warm-up over the first pages. Prints one JSON line: { ms, parsed }.
// Run by bench/intake.ts: node --import tsx bench/intake-bare.ts <origin> <feeds> <items> <concurrency>
import http from 'node:http';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { mapLimit } from '../src/intake/pipeline/parts.ts';

const [origin, feeds, items, concurrency] = [process.argv[2]!, ...process.argv.slice(3, 6).map(Number)] as [string, number, number, number];
const agent = new http.Agent({ keepAlive: true });

function bareGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const urls = Array.from({ length: feeds * items }, (_, n) => `${origin}/a/${Math.floor(n / items)}/${n % items}`);
const read = async (url: string) => new Readability(parseHTML(await bareGet(url)).document as never).parse() !== null;
await mapLimit(urls.slice(0, 300), concurrency, read);
const t = process.hrtime.bigint();
const parsed = await mapLimit(urls, concurrency, read);
console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t) / 1e6, parsed: parsed.filter(Boolean).length }));
agent.destroy();
