// Run in a separate process by render.test.ts: prints the SHA-256 of the chart drawn from a JSON input.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { renderChart } from '../../src/chart/render.ts';

const input = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
process.stdout.write(`${createHash('sha256').update(renderChart(input).png).digest('hex')}\n`);
