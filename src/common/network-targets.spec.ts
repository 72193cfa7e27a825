import { parseTargetList, TargetListSyntaxError, targetRefusal } from './network-targets.js';

// host, port, resolved addresses, allow-list → refused (a reason matching) or allowed (null)
const CASES: Array<[string, number, string[], string, RegExp | null]> = [
  ['169.254.169.254', 80, ['169.254.169.254'], '', /cloud metadata address/],
  ['169.254.10.20', 389, ['169.254.10.20'], '', /link-local/],
  ['fe80::1', 389, ['fe80::1'], '', /link-local/],
  ['febf::1', 389, ['febf::1'], '', /link-local/],
  ['fd00:ec2::254', 80, ['fd00:ec2::254'], '', /cloud metadata address/],
  ['100.100.100.200', 80, ['100.100.100.200'], '', /cloud metadata address/],
  ['::ffff:169.254.169.254', 80, ['::ffff:169.254.169.254'], '', /cloud metadata address/],
  ['::ffff:a9fe:0101', 389, ['::ffff:a9fe:0101'], '', /link-local/],
  ['metadata.google.internal', 80, ['169.254.169.254'], '', /cloud metadata service/],
  ['Metadata.Google.Internal.', 80, [], '', /cloud metadata service/],
  // a name that resolves to a link-local address is refused by the address
  ['ldap.example.test', 389, ['10.0.0.5', '169.254.1.1'], '', /ldap\.example\.test \(169\.254\.1\.1\) is a link-local/],
  // link-local stays refused even when the allow-list names it
  ['169.254.1.1', 389, ['169.254.1.1'], '169.254.0.0/16', /link-local/],
  // no allow-list: anything else may be dialled
  ['ldap.example.test', 389, ['10.0.0.5'], '', null],
  ['127.0.0.1', 1389, ['127.0.0.1'], '', null],
  ['::1', 1389, ['::1'], '', null],
  ['fec0::1', 389, ['fec0::1'], '', null],
  ['169.253.255.255', 389, ['169.253.255.255'], '', null],
  // with an allow-list
  ['ldap.example.test', 636, ['10.0.0.5'], 'ldap.example.test:636', null],
  ['LDAP.example.test', 636, ['10.0.0.5'], 'ldap.example.test', null],
  ['ldap.example.test', 389, ['10.0.0.5'], 'ldap.example.test:636', /not in the list of allowed directory targets/],
  ['other.example.test', 636, ['10.0.0.5'], 'ldap.example.test:636', /not in the list/],
  ['dc1.corp.example.test', 636, ['10.0.0.7'], '*.corp.example.test', null],
  ['corp.example.test', 636, ['10.0.0.7'], '*.corp.example.test', /not in the list/],
  ['ldap.example.test', 389, ['10.0.0.5'], '10.0.0.0/8', null],
  ['ldap.example.test', 389, ['10.0.0.5', '192.0.2.1'], '10.0.0.0/8', /not in the list/],
  ['127.0.0.1', 1389, ['127.0.0.1'], '127.0.0.1:1389', null],
  ['127.0.0.1', 1390, ['127.0.0.1'], '127.0.0.1:1389', /127\.0\.0\.1:1390 is not in the list/],
  ['::1', 1389, ['::1'], '[::1]:1389', null],
  ['::1', 22, ['::1'], '[::1]:1389, 10.0.0.0/8', /not in the list/],
  ['10.1.2.3', 389, ['10.1.2.3'], '10.0.0.0/8:389', null],
  ['10.1.2.3', 22, ['10.1.2.3'], '10.0.0.0/8:389', /not in the list/],
];

describe('targetRefusal', () => {
  it.each(CASES)('%s:%i (%j) with allow-list "%s"', (host, port, addresses, list, expected) => {
    const refusal = targetRefusal(host, port, addresses, parseTargetList(list));
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });
});

describe('parseTargetList', () => {
  it('reads host names, addresses, CIDRs and ports', () => {
    expect(parseTargetList(' ldap.example.com:636, 10.0.0.0/8 ,[::1]:389,2001:db8::/32,*.corp.test ')).toEqual([
      { kind: 'host', name: 'ldap.example.com', port: 636 },
      { kind: 'cidr', cidr: { family: 4, address: '10.0.0.0', prefix: 8 }, port: undefined },
      { kind: 'cidr', cidr: { family: 6, address: '::1', prefix: 128 }, port: 389 },
      { kind: 'cidr', cidr: { family: 6, address: '2001:db8::', prefix: 32 }, port: undefined },
      { kind: 'host', name: '*.corp.test', port: undefined },
    ]);
    expect(parseTargetList('')).toEqual([]);
  });

  it.each([
    ['ldap.example.com:0', /port must be from 1 to 65535/],
    ['ldap.example.com:70000', /port must be from 1 to 65535/],
    ['10.0.0.0/33', /prefix length/],
    ['ldap://ldap.example.com', /is not a host name/],
    ['under_score.example', /is not a host name/],
    ['a.*.example', /is not a host name/],
  ])('refuses %s, naming it', (text, message) => {
    expect(() => parseTargetList(text)).toThrow(TargetListSyntaxError);
    expect(() => parseTargetList(text)).toThrow(message);
  });
});
