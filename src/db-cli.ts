// `blocwatch copy-db` (registered by src/cli.ts): moves a deployment between SQLite and PostgreSQL,
// every row and id kept, in one transaction on the target; a target holding data is refused unless
// --replace. Prints the rows copied per table.
import type { Command } from 'commander';
import { copyDatabase, CopyRefused } from './store/copy.ts';
import { MigrationError } from './store/migrate.ts';
import { describeLocation, openSql, type StoreLocation } from './store/open.ts';
import { StoreUnavailableError, type Sql } from './store/sql.ts';

export interface DbCliDeps {
  /** Leaves with a message and an exit code. */
  fail(code: number, message: string): Error;
}

/** `sqlite:PATH` (or a plain path) or a `postgres://` / `postgresql://` URL. */
export function parseLocation(text: string): StoreLocation {
  if (/^postgres(ql)?:\/\//.test(text)) return { engine: 'postgres', url: text };
  const path = text.replace(/^sqlite:/, '');
  if (!path) throw new Error(`"${text}" names no database: use sqlite:PATH or postgres://user:password@host:5432/database`);
  return { engine: 'sqlite', path };
}

export function registerDbCommands(program: Command, deps: DbCliDeps): void {
  program
    .command('copy-db')
    .description('copy every row and id from one database to another (SQLite ⇄ PostgreSQL), in one transaction')
    .requiredOption('--from <database>', 'sqlite:PATH or postgres://user:password@host:5432/database')
    .requiredOption('--to <database>', 'sqlite:PATH or postgres://user:password@host:5432/database')
    .option('--replace', 'empty a target that already holds data, then copy')
    .action(async (opts: { from: string; to: string; replace?: boolean }) => {
      let from: StoreLocation;
      let to: StoreLocation;
      try {
        from = parseLocation(opts.from);
        to = parseLocation(opts.to);
      } catch (err) {
        throw deps.fail(2, (err as Error).message);
      }
      const open = async (l: StoreLocation, which: string): Promise<Sql> => {
        try {
          return await openSql(l);
        } catch (err) {
          throw deps.fail(
            3,
            `--${which}: ${err instanceof StoreUnavailableError ? err.message : `cannot open ${describeLocation(l)}: ${(err as Error).message}`}`,
          );
        }
      };
      const source = await open(from, 'from');
      try {
        const target = await open(to, 'to');
        try {
          const counts = await copyDatabase(source, target, { replace: opts.replace });
          const width = Math.max(...counts.map((c) => c.table.length));
          for (const c of counts) console.log(`${c.table.padEnd(width)}  ${c.rows}`);
          console.log(`Copied ${counts.reduce((n, c) => n + c.rows, 0)} rows from ${describeLocation(from)} to ${describeLocation(to)}.`);
        } catch (err) {
          if (err instanceof CopyRefused) throw deps.fail(1, `--to ${describeLocation(to)}: ${err.message}`);
          if (err instanceof MigrationError) throw deps.fail(3, err.message);
          throw err;
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    });
}
