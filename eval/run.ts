// `npm run eval -- intake [--details] [--json] [--tune-only] [--train]`: the quality evaluations (bench/ measures
// speed; this measures whether the answers are right).
import { evalIntake } from './intake/report.ts';

const evals: Record<string, (argv: string[]) => Promise<number>> = { intake: evalIntake };
const [name, ...rest] = process.argv.slice(2);
const run = name ? evals[name] : undefined;
if (!run) {
  console.error(`Usage: npm run eval -- <${Object.keys(evals).join('|')}> [--details] [--json] [--tune-only] [--train]`);
  process.exit(2);
}
process.exitCode = await run(rest);
