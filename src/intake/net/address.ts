// Which addresses a fetch may connect to. The check runs on the addresses a name resolves to, inside the
// socket's own `lookup`, so what is checked is what is connected (no resolve-then-connect gap for DNS
// rebinding to slip through), and on IP literals, which Node connects to without any lookup.
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { FetchLimits } from '../types.ts';
import { FetchFailure } from './failure.ts';
import { type ResolvedAddress, resolveHost } from './resolve.ts';

export type { ResolvedAddress };

/**
 * Hooks for tests only; production leaves both unset. They let a test give a host name a public-looking
 * first hop without real DNS, to prove that a redirect from it to a private address is still refused.
 */
export interface NetTestHooks {
  /** Resolve a host name instead of the system resolver. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Host names (lowercase) whose non-public addresses are accepted even without allowPrivate. */
  privateHostsAllowed?: readonly string[];
  /** A CA certificate (PEM) to trust besides the system's, for a local https server. */
  tlsCa?: string;
  /** Nameservers ('127.0.0.1:5353') for the DNS resolver instead of the system's. */
  dnsServers?: readonly string[];
}

export type NetLimits = FetchLimits & NetTestHooks;

// ::a.b.c.d, the deprecated IPv4-compatible form; ipaddr.js calls it unicast, but it embeds an IPv4
// address (::127.0.0.1 is ::7f00:1) and nothing public is reached through it.
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * The ipaddr.js range of an address, after unwrapping IPv4-mapped IPv6 (::ffff:127.0.0.1 is loopback).
 * 'unicast' is the only public answer; everything else (loopback, private, linkLocal, carrierGradeNat,
 * multicast, unspecified, reserved, benchmarking, uniqueLocal, 6to4, teredo, rfc6052 …) is refused.
 */
export function addressRange(ip: string): string {
  if (!ipaddr.isValid(ip)) return 'invalid';
  const parsed = ipaddr.process(ip);
  const range = parsed.range();
  if (range === 'unicast' && parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).match(IPV4_COMPATIBLE)) {
    return 'ipv4Compatible';
  }
  return range;
}

export function isPublicAddress(ip: string): boolean {
  return addressRange(ip) === 'unicast';
}

/** The URL's host as an IP literal, when it is one (WHATWG URL has already canonicalised 2130706433, 0x7f.1, …). */
export function ipLiteralOf(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : undefined;
}

function privateAllowed(limits: NetLimits, hostname: string): boolean {
  return limits.allowPrivate || (limits.privateHostsAllowed?.includes(hostname.toLowerCase()) ?? false);
}

export function blockedFailure(url: string, hostname: string, ip: string): FetchFailure {
  const shown = hostname === ip || hostname === `[${ip}]` ? ip : `${hostname} (${ip})`;
  return new FetchFailure(
    'blocked_address',
    `${shown} is a ${addressRange(ip)} address, not a public one; blocwatch only fetches from the public internet`,
    { url },
  );
}

/** Refuses an IP-literal host that is not public. Names are checked later, in the lookup. */
export function assertLiteralAllowed(url: URL, limits: NetLimits): void {
  const ip = ipLiteralOf(url.hostname);
  if (ip !== undefined && !isPublicAddress(ip) && !privateAllowed(limits, url.hostname)) {
    throw blockedFailure(url.href, url.hostname, ip);
  }
}

/** Throws if the address a socket actually connected to is not allowed (a guard behind the lookup). */
export function assertConnectedAllowed(url: URL, limits: NetLimits, remoteAddress: string | undefined): void {
  if (remoteAddress === undefined) return;
  if (!isPublicAddress(remoteAddress) && !privateAllowed(limits, url.hostname)) {
    throw blockedFailure(url.href, url.hostname, remoteAddress);
  }
}

/**
 * A `lookup` for http.request that hands the socket only allowed addresses. A name with both public
 * and private addresses connects to the public ones only; a name with no allowed address fails with
 * blocked_address before any connection is made.
 */
export function guardedLookup(url: URL, limits: NetLimits, signal?: AbortSignal): LookupFunction {
  const resolve =
    limits.resolve ??
    ((hostname: string) =>
      resolveHost(hostname, {
        timeoutMs: limits.timeoutMs,
        ...(signal ? { signal } : {}),
        ...(limits.dnsServers ? { servers: limits.dnsServers } : {}),
      }));
  const lookup = (
    hostname: string,
    options: { family?: number | string; all?: boolean },
    callback: (err: NodeJS.ErrnoException | null, address: string | ResolvedAddress[], family?: number) => void,
  ): void => {
    resolve(hostname).then(
      (addresses) => {
        const wantFamily = options.family === 4 || options.family === 6 ? options.family : undefined;
        const candidates = addresses.filter((a) => wantFamily === undefined || a.family === wantFamily);
        if (candidates.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`${hostname} did not resolve to any address`);
          err.code = 'ENOTFOUND';
          callback(err, []);
          return;
        }
        const allowed = privateAllowed(limits, hostname) ? candidates : candidates.filter((a) => isPublicAddress(a.address));
        const first = allowed[0];
        if (first === undefined) {
          callback(blockedFailure(url.href, hostname, candidates[0]?.address ?? '') as NodeJS.ErrnoException, []);
          return;
        }
        if (options.all) callback(null, allowed);
        else callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, []),
    );
  };
  return lookup as unknown as LookupFunction;
}
