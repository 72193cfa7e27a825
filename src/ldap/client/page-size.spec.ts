import { LdapError } from '../ldap.error.js';
import { MIN_PAGE_SIZE, smallerPageSize } from './page-size.js';

const answer = (resultCode: number, detail = 'server text') => new LdapError('UNKNOWN', 'x', { resultCode, detail });

describe('smallerPageSize', () => {
  it.each([
    [5000, answer(11, 'illegal pagedResults page size'), 2500],
    [500, answer(4), 250],
    [1000, answer(53, 'page size too large'), 500],
    [15, answer(11), MIN_PAGE_SIZE],
  ])('after %i refused with %o tries %i', (pageSize, error, next) => {
    expect(smallerPageSize(pageSize, error)).toBe(next);
  });

  it.each([
    [500, answer(53, 'no anonymous access')],
    [500, answer(32)],
    [500, new LdapError('UNREACHABLE', 'x')],
    [MIN_PAGE_SIZE, answer(11)],
  ])('keeps %i and gives up after %o', (pageSize, error) => {
    expect(smallerPageSize(pageSize, error)).toBeUndefined();
  });
});
