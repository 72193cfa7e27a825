import { BlockList } from 'node:net';
import { cidrContains, CidrSyntaxError, familiesCovered, normalizeIp, parseCidr } from './cidr.js';

describe('normalizeIp', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:10.1.2.3', '10.1.2.3'],
    ['::ffff:a01:203', '10.1.2.3'],
    ['::1', '::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['fe80:0:0:0:0:0:0:0', 'fe80::'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::', '::'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
  ])('normalises %s to %s', (ip, normal) => {
    expect(normalizeIp(ip)).toBe(normal);
  });

  it.each([
    ['fe80::1%eth0', 'zone ids'],
    ['10.0.0.256', 'is not an IP address'],
    ['010.0.0.1', 'is not an IP address'],
    ['[::1]', 'is not an IP address'],
    ['localhost', 'is not an IP address'],
    ['', 'is not an IP address'],
  ])('refuses %p', (ip, reason) => {
    expect(() => normalizeIp(ip)).toThrow(CidrSyntaxError);
    expect(() => normalizeIp(ip)).toThrow(reason);
  });
});

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', { family: 4, address: '10.0.0.0', prefix: 8 }],
    ['192.168.1.10', { family: 4, address: '192.168.1.10', prefix: 32 }],
    ['192.168.1.10/24', { family: 4, address: '192.168.1.0', prefix: 24 }],
    ['172.16.5.4/12', { family: 4, address: '172.16.0.0', prefix: 12 }],
    ['0.0.0.0/0', { family: 4, address: '0.0.0.0', prefix: 0 }],
    ['::1', { family: 6, address: '::1', prefix: 128 }],
    ['::1/128', { family: 6, address: '::1', prefix: 128 }],
    ['2001:DB8:1234::5/48', { family: 6, address: '2001:db8:1234::', prefix: 48 }],
    ['::/0', { family: 6, address: '::', prefix: 0 }],
    ['::ffff:10.0.0.0/104', { family: 4, address: '10.0.0.0', prefix: 8 }],
    ['::ffff:127.0.0.1', { family: 4, address: '127.0.0.1', prefix: 32 }],
    [' 10.0.0.0/8 ', { family: 4, address: '10.0.0.0', prefix: 8 }],
  ])('parses %s', (text, cidr) => {
    expect(parseCidr(text)).toEqual(cidr);
  });

  it.each([
    ['10.0.0.0/33', 'at most 32'],
    ['::1/129', 'at most 128'],
    ['10.0.0.0/', 'invalid prefix length'],
    ['10.0.0.0/-1', 'invalid prefix length'],
    ['10.0.0.0/8/8', 'is not a CIDR'],
    ['10.0.0/8', 'is not an IP address'],
    ['fe80::%eth0/64', 'zone ids'],
    ['::ffff:0:0/80', 'mixes IPv4-mapped'],
    ['', 'is not an IP address'],
  ])('refuses %p', (text, reason) => {
    expect(() => parseCidr(text)).toThrow(CidrSyntaxError);
    expect(() => parseCidr(text)).toThrow(reason);
  });

  it('formats back to text', () => {
    expect(parseCidr('2001:db8::7/64')).toMatchObject({ address: '2001:db8::', prefix: 64 });
  });
});

describe('cidrContains', () => {
  it.each([
    ['127.0.0.1/32', '127.0.0.1', true],
    ['127.0.0.1/32', '127.0.0.2', false],
    ['10.0.0.0/8', '10.255.255.255', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['172.16.0.0/12', '172.31.255.255', true],
    ['172.16.0.0/12', '172.32.0.0', false],
    ['192.168.1.0/24', '::ffff:192.168.1.77', true],
    ['::ffff:192.168.1.0/120', '192.168.1.77', true],
    ['::1/128', '::1', true],
    ['::1/128', '0:0:0:0:0:0:0:1', true],
    ['::1/128', '127.0.0.1', false],
    ['2001:db8::/32', '2001:DB8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['fe80::/10', 'febf::1', true],
    ['fe80::/10', 'fec0::1', false],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['0.0.0.0/0', '2001:db8::1', false],
    ['::/0', '2001:db8::1', true],
    ['10.0.0.0/8', '10.1.2.3', true],
  ])('%s contains %s: %p', (cidr, ip, inside) => {
    expect(cidrContains(cidr, ip)).toBe(inside);
  });

  it('accepts a parsed CIDR', () => {
    expect(cidrContains(parseCidr('10.0.0.0/8'), '10.9.9.9')).toBe(true);
  });

  it.each(['', 'not-an-ip', 'fe80::1%eth0', '10.0.0.1:1234'])('fails closed for the address %p', (ip) => {
    expect(cidrContains('0.0.0.0/0', ip)).toBe(false);
  });

  it('throws on an invalid CIDR, which is a configuration mistake', () => {
    expect(() => cidrContains('10.0.0.0/40', '10.0.0.1')).toThrow(CidrSyntaxError);
  });

  it('agrees with node:net BlockList on sampled addresses', () => {
    const ranges: Array<[string, number, 'ipv4' | 'ipv6']> = [
      ['10.20.0.0', 14, 'ipv4'],
      ['192.168.100.128', 25, 'ipv4'],
      ['2001:db8:abcd::', 45, 'ipv6'],
    ];
    const samples = [
      '10.19.255.255',
      '10.20.0.0',
      '10.23.255.255',
      '10.24.0.0',
      '192.168.100.127',
      '192.168.100.200',
      '2001:db8:abc8::1',
      '2001:db8:abcf:ffff::',
      '2001:db8:abd0::',
    ];
    for (const [network, prefix, type] of ranges) {
      const blockList = new BlockList();
      blockList.addSubnet(network, prefix, type);
      for (const ip of samples.filter((sample) => sample.includes(':') === (type === 'ipv6'))) {
        expect([network, prefix, ip, cidrContains(`${network}/${prefix}`, ip)]).toEqual([
          network,
          prefix,
          ip,
          blockList.check(ip, type),
        ]);
      }
    }
  });
});

describe('familiesCovered', () => {
  it('finds a family covered by one range or by several together', () => {
    expect(familiesCovered(['0.0.0.0/0'])).toEqual([4]);
    expect(familiesCovered(['::/0'])).toEqual([6]);
    expect(familiesCovered(['0.0.0.0/1', '128.0.0.0/1'])).toEqual([4]);
    expect(familiesCovered(['::ffff:0.0.0.0/97', '::ffff:128.0.0.0/97'])).toEqual([4]);
    expect(familiesCovered(['::/1', '8000::/2', 'c000::/2'])).toEqual([6]);
    expect(familiesCovered(['128.0.0.0/1', '0.0.0.0/2', '64.0.0.0/3', '96.0.0.0/3', '10.0.0.0/8'])).toEqual([4]);
  });

  it('finds none when a gap is left, however small', () => {
    expect(familiesCovered([])).toEqual([]);
    expect(familiesCovered(['0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/3', '224.0.0.0/4', '240.0.0.0/5'])).toEqual([]);
    expect(familiesCovered(['0.0.0.0/1', '128.0.0.0/2'])).toEqual([]);
    expect(familiesCovered(['::/1', '8000::/2', 'c000::/3', 'e000::/4'])).toEqual([]);
    expect(familiesCovered(['0.0.0.0/1', '128.0.0.0/1', '::/1'])).toEqual([4]);
  });
});
