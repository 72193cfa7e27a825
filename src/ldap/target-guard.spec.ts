import { parseTargetList } from '../common/network-targets.js';
import { configureAllowedTargets, resolveAllowedTarget } from './target-guard.js';

// IP literals only: nothing here resolves a name, and nothing is dialled.
describe('resolveAllowedTarget', () => {
  afterEach(() => configureAllowedTargets([]));

  it.each(['169.254.169.254', 'fe80::1', 'fd00:ec2::254'])('refuses %s before any connection', async (host) => {
    await expect(resolveAllowedTarget(host, 80, 1000)).rejects.toMatchObject({ code: 'TARGET_REFUSED' });
  });

  it('answers the checked addresses, and pins the lookup to them', async () => {
    const target = await resolveAllowedTarget('127.0.0.1', 389, 1000);
    expect(target.addresses).toEqual(['127.0.0.1']);
    const answer = await new Promise<unknown>((resolve, reject) =>
      target.lookup('anything.example', { all: true }, (error, addresses) =>
        error ? reject(error) : resolve(addresses),
      ),
    );
    expect(answer).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('applies the configured allow-list to every call', async () => {
    configureAllowedTargets(parseTargetList('127.0.0.1:1389'));
    await expect(resolveAllowedTarget('127.0.0.1', 1389, 1000)).resolves.toMatchObject({ addresses: ['127.0.0.1'] });
    await expect(resolveAllowedTarget('127.0.0.1', 22, 1000)).rejects.toMatchObject({
      code: 'TARGET_REFUSED',
      message: expect.stringContaining('LDAP_ALLOWED_TARGETS'),
    });
  });
});
