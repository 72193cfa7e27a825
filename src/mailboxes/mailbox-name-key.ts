import { createHash } from 'node:crypto';

/**
 * What makes two mailbox names the same: their case-folded form (NFC, then upper- and lower-cased,
 * so "Straße" and "STRASSE" meet), as a SHA-256 hex digest of fixed length. Stored in
 * mailboxes.name_key under a unique index, so SQLite and MariaDB refuse the same names, whatever
 * the column's collation would say (MariaDB's utf8mb4_unicode_ci also ignores accents).
 */
export function mailboxNameKey(name: string): string {
  const folded = name.trim().normalize('NFC').toUpperCase().toLowerCase();
  return createHash('sha256').update(folded, 'utf8').digest('hex');
}
