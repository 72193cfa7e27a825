import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time equality of a presented secret and the configured one. Hashing first gives
 * both sides the same length, so neither the content nor the length leaks through timing.
 */
export function secretMatches(given: string | undefined, expected: string): boolean {
  const a = createHash('sha256')
    .update(given ?? '')
    .digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given !== undefined && expected !== '';
}
