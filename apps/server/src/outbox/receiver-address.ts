import { lookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where a webhook may not go unless the operator allows it (PORTALFLOW_WEBHOOK_ALLOW_PRIVATE=1): this
 * server and private networks. Otherwise whoever sets up a subscription could make the server reach
 * the cloud metadata service (169.254.169.254) or the clinic's internal systems.
 */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local: the cloud metadata address
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['fc00::', 7], // unique local (e.g. fd00:ec2::254, a cloud metadata address)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** The IPv4 address an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`, `::ffff:7f00:1`) stands for. */
function mappedIpv4(address: string): string | null {
  const m = /^::ffff:(?:0:)?(.+)$/i.exec(address);
  if (!m) return null;
  const rest = m[1]!;
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
  if (!hex) return null;
  const high = Number.parseInt(hex[1]!, 16);
  const low = Number.parseInt(hex[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** True for an address on this server or a private, link-local or otherwise non-public network. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family !== 6) return false;
  const v4 = mappedIpv4(address);
  if (v4) return PRIVATE.check(v4, 'ipv4');
  return PRIVATE.check(address, 'ipv6');
}

/** A delivery refused because its receiver's address is private; `code` as the failure words read it. */
export class PrivateAddressError extends Error {
  readonly code = 'WEBHOOK_ADDRESS_PRIVATE';
  constructor(readonly address: string) {
    super(`The receiver's address ${address} is private`);
    this.name = 'PrivateAddressError';
  }
}

/** A URL's host as an address, when it is one (`[::1]` → `::1`); null for a name. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : null;
}

const LOOKUP_MS = 5000;

/** Every address a name resolves to; none when it does not resolve (or not in time). */
function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve([]), LOOKUP_MS);
    lookup(host, { all: true }, (error, addresses) => {
      clearTimeout(timer);
      resolve(error ? [] : addresses.map((a) => a.address));
    });
  });
}

/**
 * The private address a receiver URL names or resolves to, or null. A name that does not resolve is
 * not refused here (its DNS may not be set up yet): each delivery resolves it again and checks then.
 */
export async function privateReceiverAddress(url: string): Promise<string | null> {
  const parsed = new URL(url);
  const literal = literalAddress(parsed);
  const addresses = literal ? [literal] : await resolveAll(parsed.hostname);
  return addresses.find(isPrivateAddress) ?? null;
}

/**
 * The name lookup a delivery connects through: the addresses it resolves to are checked, and a private
 * one fails the connection, so a name cannot resolve to a public address when checked and a private
 * one when connected (the address checked is the address connected to).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(new PrivateAddressError(refused.address), '', 0);
    if (options.all) return (callback as (e: null, a: typeof addresses) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};
