/**
 * A LIKE pattern matching `text` anywhere, with % and _ taken literally. The escape character
 * is `!`: a backslash would need escaping itself in MySQL string literals but not in SQLite.
 */
export function containsPattern(text: string): string {
  return `%${prefixPattern(text.toLowerCase())}`;
}

/** A LIKE pattern for "starts with `prefix`", case kept, % and _ literal. */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export const LIKE_ESCAPE = "ESCAPE '!'";
