import { normalizeLogin } from './login.js';

describe('normalizeLogin', () => {
  it('drops surrounding spaces and folds case, keeping what is inside', () => {
    expect(normalizeLogin('  Alice.Smith@Example.COM\t')).toBe('alice.smith@example.com');
    expect(normalizeLogin('EXAMPLE\\Bob Jones')).toBe('example\\bob jones');
    expect(normalizeLogin('ÉLODIE')).toBe('élodie');
  });
});
