import { Injectable } from '@nestjs/common';

import type { MailboxEntity } from './entities/mailbox.entity.js';
import { MailboxesRepository } from './mailboxes.repository.js';

/**
 * How long a read of the filter mailboxes is reused (ms): a change made on another instance is
 * seen within this, as settings saved elsewhere are within the settings poll (2 s).
 */
export const MAILBOX_FILTERS_TTL_MS = 1_000;

/**
 * The mailboxes with a directory filter, for the sign-in's membership step: read from the
 * database at most once per MAILBOX_FILTERS_TTL_MS instead of at every sign-in. A change made
 * through this instance (MailboxesService) drops the copy at once; one made on another instance
 * sharing the database is seen once the copy is older than the TTL.
 */
@Injectable()
export class MailboxFilterCache {
  private cached?: { at: number; value: Promise<MailboxEntity[]> };

  constructor(private readonly mailboxes: MailboxesRepository) {}

  /** Mailboxes whose ldapFilter is set, by id; callers must not change the entities. */
  listWithFilter(now = Date.now()): Promise<MailboxEntity[]> {
    if (this.cached && now - this.cached.at < MAILBOX_FILTERS_TTL_MS) return this.cached.value;
    const value = this.mailboxes.listWithFilter();
    const entry = { at: now, value };
    this.cached = entry;
    // a failed read is not kept; a read in flight when invalidate() ran is no longer the cached one
    value.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return value;
  }

  /** A mailbox was created, changed or deleted through this instance: the next read goes to the database. */
  invalidate(): void {
    this.cached = undefined;
  }
}
