import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { type BlockList, isIP, type LookupFunction } from 'node:net';
import { FetchError } from '../../core/ports.ts';
import { isAddressAllowed } from './address-policy.ts';

async function lookupAll(host: string): Promise<LookupAddress[]> {
  try {
    return await lookup(host, { all: true, verbatim: true });
  } catch (error) {
    throw new FetchError('dns', `cannot resolve ${host}`, { cause: error });
  }
}

/**
 * Resolves the URL's host and returns an address the policy allows. The caller connects to
 * exactly this address (see pinnedLookup), so a second DNS answer cannot swap in a private one.
 */
export async function resolveAllowed(url: URL, allow: BlockList): Promise<LookupAddress> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literal = isIP(host);
  const candidates = literal ? [{ address: host, family: literal }] : await lookupAll(host);
  const allowed = candidates.find((candidate) => isAddressAllowed(candidate.address, allow));
  if (allowed) return allowed;
  const seen = candidates.map((candidate) => candidate.address).join(', ');
  throw new FetchError('blocked-address', `${host} resolves to ${seen}: not a public address`);
}

/** A `lookup` for http.request that answers with the already checked address, whatever is asked. */
export function pinnedLookup(address: LookupAddress): LookupFunction {
  return (_host, options, callback) => {
    if (options.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  };
}
