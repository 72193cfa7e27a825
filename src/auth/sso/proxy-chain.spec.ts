import { isTrusted, parseTrustedProxies, proxyChain } from './proxy-chain.js';

describe('trusted proxies (CIDR matching through common/cidr)', () => {
  const trusted = parseTrustedProxies(['127.0.0.1/32', '10.1.0.0/16', '2001:db8::/32', '::1']);

  it.each([
    ['127.0.0.1', true],
    ['127.0.0.2', false],
    ['10.1.255.7', true],
    ['10.2.0.1', false],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.1.2.3', true],
    ['::ffff:127.0.0.2', false],
    ['2001:db8:ffff::1', true],
    ['2001:DB8::1', true],
    ['2001:db9::1', false],
    ['::1', true],
    ['::2', false],
    ['not-an-ip', false],
  ])('%s trusted: %s', (ip, expected) => {
    expect(isTrusted(ip, trusted)).toBe(expected);
  });

  it('drops entries that do not parse rather than trusting anything', () => {
    expect(parseTrustedProxies(['nonsense', '10.0.0.0/33', '192.168.0.0/24'])).toEqual([
      { family: 4, address: '192.168.0.0', prefix: 24 },
    ]);
  });
});

describe('proxyChain', () => {
  const trusted = parseTrustedProxies(['127.0.0.1/32', '10.0.0.0/8']);

  it('trusts the socket peer only, IPv4-mapped IPv6 normalised', () => {
    expect(proxyChain('::ffff:127.0.0.1', undefined, trusted, false)).toEqual({
      peer: '127.0.0.1',
      trusted: true,
      client: '127.0.0.1',
    });
    expect(proxyChain('127.0.0.2', undefined, trusted, false)).toEqual({
      peer: '127.0.0.2',
      trusted: false,
      client: '127.0.0.2',
    });
    expect(proxyChain(undefined, undefined, trusted, false)).toEqual({ peer: null, trusted: false, client: null });
  });

  it('never lets X-Forwarded-For make an untrusted peer trusted', () => {
    expect(proxyChain('127.0.0.2', '127.0.0.1', trusted, true).trusted).toBe(false);
    expect(proxyChain('192.0.2.9', '10.0.0.1, 127.0.0.1', trusted, true).trusted).toBe(false);
  });

  it('ignores X-Forwarded-For when forwarding is off', () => {
    expect(proxyChain('127.0.0.1', '192.0.2.50', trusted, false).client).toBe('127.0.0.1');
  });

  it('walks right to left over trusted hops to the first untrusted one', () => {
    expect(proxyChain('127.0.0.1', '192.0.2.50', trusted, true)).toEqual({
      peer: '127.0.0.1',
      trusted: true,
      client: '192.0.2.50',
    });
    expect(proxyChain('127.0.0.1', '192.0.2.50, 10.0.0.7, 10.0.0.8', trusted, true).client).toBe('192.0.2.50');
    // the forged left-most entry is passed over only if everything right of it is trusted, and then it is the client, never a proxy
    expect(proxyChain('127.0.0.1', '10.9.9.9, 198.51.100.4, 10.0.0.7', trusted, true).client).toBe('198.51.100.4');
    expect(proxyChain('127.0.0.1', '10.9.9.9, 10.0.0.7', trusted, true).client).toBe('10.9.9.9');
  });

  it('reads repeated X-Forwarded-For headers as one list, IPv6 and mapped hops included', () => {
    expect(proxyChain('127.0.0.1', ['2001:db8::5', '::ffff:10.0.0.7'], trusted, true).client).toBe('2001:db8::5');
  });

  it('stops at a hop that is not an address', () => {
    expect(proxyChain('127.0.0.1', '192.0.2.50, garbage, 10.0.0.7', trusted, true)).toEqual({
      peer: '127.0.0.1',
      trusted: true,
      client: null,
    });
  });

  it('takes the peer for the client when there is no X-Forwarded-For', () => {
    expect(proxyChain('10.0.0.3', undefined, trusted, true).client).toBe('10.0.0.3');
    expect(proxyChain('10.0.0.3', ' , ', trusted, true).client).toBe('10.0.0.3');
  });
});
