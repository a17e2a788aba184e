// One deliverer per database: a lease row (owner, expiry) taken in one transaction (src/store/leases.ts),
// so two processes can never both believe they hold it. The holder renews it while it works; a process that
// dies stops renewing and its lease expires. An owner on this same host whose process is gone is
// recognised at once, so a restarted bot does not wait out its predecessor's lease.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { LeaseStore } from '../store/leases.ts';

export const DIGEST_LEASE = 'digest-delivery';

export function leaseOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export class Lease {
  constructor(
    private readonly leases: LeaseStore,
    readonly name: string,
    readonly owner: string,
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  /** Takes or renews the lease; false while another live owner holds it. */
  acquire(): Promise<boolean> {
    const now = this.now().getTime();
    return this.leases.take(this.name, this.owner, now + this.ttlMs, (held) => held.expiresAt > now && !ownerIsDeadHere(held.owner));
  }

  async holder(): Promise<{ owner: string; expiresAt: Date } | undefined> {
    const held = await this.leases.holder(this.name);
    return held && { owner: held.owner, expiresAt: new Date(held.expiresAt) };
  }

  release(): Promise<void> {
    return this.leases.release(this.name, this.owner);
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
