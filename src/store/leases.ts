// Leases: a named job held by one owner until an expiry (epoch ms), renewed while it works. Taking one
// is a read and a write in one transaction (SQLite: IMMEDIATE; PostgreSQL: SERIALIZABLE), so two
// processes can never both believe they hold it.
import type { Sql } from './sql.ts';

export interface LeaseHolder {
  owner: string;
  expiresAt: number;
}

export class LeaseStore {
  constructor(private readonly sql: Sql) {}

  holder(name: string): Promise<LeaseHolder | undefined> {
    return this.sql.get<LeaseHolder>('SELECT owner, expires_at AS "expiresAt" FROM leases WHERE name = ?', [name]);
  }

  /** Takes or renews the lease until `expiresAt` unless `heldByAnother` says its current holder keeps it. */
  take(name: string, owner: string, expiresAt: number, heldByAnother: (held: LeaseHolder) => boolean): Promise<boolean> {
    return this.sql.transaction(async () => {
      const held = await this.holder(name);
      if (held && held.owner !== owner && heldByAnother(held)) return false;
      await this.sql.run(
        'INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at',
        [name, owner, expiresAt],
      );
      return true;
    });
  }

  async release(name: string, owner: string): Promise<void> {
    await this.sql.run('DELETE FROM leases WHERE name = ? AND owner = ?', [name, owner]);
  }
}
