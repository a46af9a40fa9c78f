/**
 * Parsing of the `fetch.allowPrivate` entries. Shared by the schema, so a bad entry fails at load
 * and at synth, and by the HTTP client's address policy, so both read an entry the same way.
 */
import { isIP } from 'node:net';

export interface Cidr {
  address: string;
  prefix: number;
  type: 'ipv4' | 'ipv6';
}

/** '127.0.0.1', '127.0.0.0/8' or '::1/128'; a string saying what is wrong otherwise. */
export function parseCidr(entry: string): Cidr | string {
  const [address = '', prefixText, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return `not an IP address or CIDR: ${entry}`;
  const type = version === 4 ? 'ipv4' : 'ipv6';
  const max = type === 'ipv4' ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? '0') || prefix > max) return `bad prefix length in ${entry}`;
  return { address, prefix, type };
}
