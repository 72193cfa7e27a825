import { parseLoginInput } from './login-input.js';

describe('parseLoginInput', () => {
  it('accepts a login and a password, trimming the login only', () => {
    expect(parseLoginInput({ login: ' Alice ', password: ' secret ' })).toEqual({
      login: 'Alice',
      password: ' secret ',
    });
  });

  it.each([
    ['empty password', { login: 'a', password: '' }],
    ['whitespace password', { login: 'a', password: ' \t ' }],
    ['array password', { login: 'a', password: ['x'] }],
    ['null password', { login: 'a', password: null }],
    ['missing password', { login: 'a' }],
    ['object login', { login: { $ne: 1 }, password: 'x' }],
    ['empty login', { login: '  ', password: 'x' }],
    ['login over 256 characters', { login: 'a'.repeat(257), password: 'x' }],
    ['control character in login', { login: 'al\u0000ice', password: 'x' }],
    ['newline in login', { login: 'al\nice', password: 'x' }],
    ['password over 1024 bytes', { login: 'a', password: 'é'.repeat(513) }],
    ['no body', undefined],
  ])('refuses %s', (_name, body) => {
    expect(parseLoginInput(body)).toBeNull();
  });

  it('accepts a password of exactly 1024 bytes', () => {
    expect(parseLoginInput({ login: 'a', password: 'é'.repeat(512) })).not.toBeNull();
  });
});
