// How the bot's PostgreSQL connections are set up: without JIT, which would cost a search on a large
// database more than it saves (src/store/postgres.ts).
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/store/postgres.ts';
import { ENGINES, freshPostgresDatabase } from '../engines.ts';

describe.runIf(ENGINES.includes('postgres'))('a PostgreSQL connection of the store', () => {
  it('runs without JIT', async () => {
    const db = await freshPostgresDatabase();
    const sql = await openPostgres(db.url);
    try {
      expect(await sql.get<{ jit: string }>('SHOW jit')).toEqual({ jit: 'off' });
    } finally {
      await sql.close();
      await db.drop();
    }
  });
});
