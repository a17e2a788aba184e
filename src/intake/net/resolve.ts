// Name resolution for fetches. c-ares (dns.Resolver) rather than getaddrinfo (dns.lookup): getaddrinfo
// runs on libuv's four-thread pool, which zlib and file I/O share, and cannot be cancelled, so a few
// feeds on domains with dead nameservers would stall every other fetch's decompression. c-ares is
// asynchronous, has its own timeout, and is cancelled when the fetch's deadline passes.
import { promises as dns } from 'node:dns';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface ResolveOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Nameservers to ask instead of the system's (tests); disables the getaddrinfo fallback. */
  servers?: readonly string[];
}

/** Names only the system resolver knows: /etc/hosts, single-label intranet names, *.localhost. */
const SYSTEM_ONLY = /^(localhost|[^.]+)$|\.localhost$/i;
const NOT_FOUND: ReadonlySet<string | undefined> = new Set(['ENOTFOUND', 'ENODATA']);

async function systemLookup(hostname: string): Promise<ResolvedAddress[]> {
  const found = await dns.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

/** Every A and AAAA address of `hostname`; names DNS does not know fall back to the system resolver. */
export async function resolveHost(hostname: string, opts: ResolveOptions): Promise<ResolvedAddress[]> {
  if (SYSTEM_ONLY.test(hostname) && !opts.servers) return systemLookup(hostname);
  const resolver = new dns.Resolver({ timeout: Math.max(100, Math.min(opts.timeoutMs, 5_000)), tries: 2 });
  if (opts.servers) resolver.setServers([...opts.servers]);
  const cancel = () => resolver.cancel();
  opts.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(hostname), resolver.resolve6(hostname)]);
    const found: ResolvedAddress[] = [
      ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 as const })) : []),
      ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 as const })) : []),
    ];
    if (found.length > 0) return found;
    const failures = [v4, v6].flatMap((r) => (r.status === 'rejected' ? [r.reason as NodeJS.ErrnoException] : []));
    // Not in DNS at all: the system resolver may still know it (search domains, /etc/hosts, intranet).
    if (!opts.servers && failures.every((e) => NOT_FOUND.has(e.code))) return systemLookup(hostname);
    throw failures.find((e) => !NOT_FOUND.has(e.code)) ?? failures[0] ?? new Error(`${hostname} has no address`);
  } finally {
    opts.signal?.removeEventListener('abort', cancel);
  }
}
