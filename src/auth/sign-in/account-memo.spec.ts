import { AccountMemo } from './account-memo.js';

describe('AccountMemo', () => {
  it('answers the account a login named last, case-folded as the throttle keys are', () => {
    const memo = new AccountMemo();
    expect(memo.get('Alice')).toBeUndefined();
    memo.remember('Alice', 'uid=alice,ou=people,dc=example,dc=com');
    expect(memo.get(' alice ')).toBe('uid=alice,ou=people,dc=example,dc=com');
    memo.remember('alice', 'uid=alice2,ou=people,dc=example,dc=com');
    expect(memo.get('ALICE')).toBe('uid=alice2,ou=people,dc=example,dc=com');
  });

  it('keeps at most its size, forgetting the login used longest ago', () => {
    const memo = new AccountMemo(2);
    memo.remember('a', 'A');
    memo.remember('b', 'B');
    memo.remember('a', 'A'); // a used again: b is now the oldest
    memo.remember('c', 'C');
    expect([memo.get('a'), memo.get('b'), memo.get('c')]).toEqual(['A', undefined, 'C']);
  });
});
