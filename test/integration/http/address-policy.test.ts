import { describe, expect, it } from 'vitest';
import { isAddressAllowed, parseAllowList } from '../../../lambdas/adapters/http/address-policy.ts';

const none = parseAllowList([]);

describe('isAddressAllowed', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fd00::1',
    'fc12:3456::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:a9fe:a9fe::1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isAddressAllowed(address, none)).toBe(false);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
  ])('accepts public %s', (address) => {
    expect(isAddressAllowed(address, none)).toBe(true);
  });

  it('lets the allow list open exactly the listed ranges', () => {
    const allow = parseAllowList(['127.0.0.1/32', '::1']);
    expect(isAddressAllowed('127.0.0.1', allow)).toBe(true);
    expect(isAddressAllowed('::1', allow)).toBe(true);
    expect(isAddressAllowed('127.0.0.2', allow)).toBe(false);
    expect(isAddressAllowed('169.254.169.254', allow)).toBe(false);
  });

  it('rejects allow entries that are not addresses or CIDRs', () => {
    expect(() => parseAllowList(['localhost'])).toThrow(TypeError);
    expect(() => parseAllowList(['10.0.0.0/33'])).toThrow(TypeError);
  });
});
