// One deliverer per database: a lease row (owner, expiry) taken in an IMMEDIATE transaction, so two
// processes can never both believe they hold it. The holder renews it while it works; a process that
// dies stops renewing and its lease expires. An owner on this same host whose process is gone is
// recognised at once, so a restarted bot does not wait out its predecessor's lease.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';

export const DIGEST_LEASE = 'digest-delivery';

export function leaseOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export class Lease {
  private readonly read;
  private readonly write;
  private readonly drop;

  constructor(
    private readonly db: Db,
    readonly name: string,
    readonly owner: string,
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {
    this.read = db.prepare<[string], { owner: string; expires_at: number }>('SELECT owner, expires_at FROM leases WHERE name = ?');
    this.write = db.prepare(
      'INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at',
    );
    this.drop = db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?');
  }

  /** Takes or renews the lease; false while another live owner holds it. */
  acquire(): boolean {
    const take = this.db.transaction(() => {
      const now = this.now().getTime();
      const held = this.read.get(this.name);
      if (held && held.owner !== this.owner && held.expires_at > now && !ownerIsDeadHere(held.owner)) return false;
      this.write.run(this.name, this.owner, now + this.ttlMs);
      return true;
    });
    return take.immediate();
  }

  holder(): { owner: string; expiresAt: Date } | undefined {
    const held = this.read.get(this.name);
    return held && { owner: held.owner, expiresAt: new Date(held.expires_at) };
  }

  release(): void {
    this.drop.run(this.name, this.owner);
  }
}

/** True when the owner ran on this host and its process no longer exists. */
export function ownerIsDeadHere(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
