import { BlockList, isIP } from 'node:net';
import { parseCidr } from '../../core/config/cidr.ts';

/**
 * Ranges a feed URL must never reach: a fetcher running inside a cloud account would otherwise
 * hand the instance metadata service (169.254.169.254) or internal services to anyone who can
 * add a feed. IPv4-mapped IPv6 addresses are matched against the IPv4 rules by BlockList itself.
 */
const NON_PUBLIC_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];

const NON_PUBLIC_V6: Array<[string, number]> = [
  ['::', 128],
  ['::1', 128],
  // NAT64 and 6to4 embed an IPv4 address a gateway would forward to: block them whole rather than
  // trust the embedded address.
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF special purpose, Teredo included
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
];

const nonPublic = new BlockList();
for (const [net, prefix] of NON_PUBLIC_V4) nonPublic.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of NON_PUBLIC_V6) nonPublic.addSubnet(net, prefix, 'ipv6');

function family(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(address);
  if (version === 4) return 'ipv4';
  if (version === 6) return 'ipv6';
  return undefined;
}

/** Builds the allow list from entries such as '127.0.0.1', '127.0.0.0/8' or '::1/128'. */
export function parseAllowList(entries: readonly string[]): BlockList {
  const allow = new BlockList();
  for (const entry of entries) {
    const cidr = parseCidr(entry);
    if (typeof cidr === 'string') throw new TypeError(`allowPrivate: ${cidr}`);
    allow.addSubnet(cidr.address, cidr.prefix, cidr.type);
  }
  return allow;
}

/** True when the fetcher may connect to this resolved address. */
export function isAddressAllowed(address: string, allow: BlockList): boolean {
  const type = family(address);
  if (!type) return false;
  if (allow.check(address, type)) return true;
  return !nonPublic.check(address, type);
}
