import type { MailboxesRepository } from '../../mailboxes/mailboxes.repository.js';
import type { DirectoryBatch, DirectoryUsersRepository } from '../../users/directory-users.repository.js';

/**
 * Where a run's user writes go. A real run writes to the database; a dry run takes the same path
 * through a writer that writes nothing, so the steps hold no dry-run branches of their own and
 * only the words of their log lines differ (`planned`).
 */
export interface RunWriter {
  /** True for a dry run: nothing is written, every change is logged as planned. */
  readonly planned: boolean;
  /** One import batch; answers the new users' ids by email (none in a dry run). */
  applyDirectoryBatch(batch: DirectoryBatch): Promise<Map<string, number>>;
  /** Disables active users whose entry is gone (`sync`) or turned off (`directory`) and ends their sessions. */
  disableForSync(ids: number[], by: 'sync' | 'directory'): Promise<void>;
}

const RECORDING: RunWriter = {
  planned: true,
  applyDirectoryBatch: () => Promise.resolve(new Map()),
  disableForSync: () => Promise.resolve(),
};

/** Where a run's directory-driven mailbox memberships go: the database, or (dry run) nowhere. */
export interface MembershipWriter {
  readonly planned: boolean;
  /** Adds and removes directory-driven (source `ldap`) memberships of one mailbox. */
  apply(mailboxId: number, add: number[], remove: number[]): Promise<void>;
}

/** The membership writer for a run; a dry run's writes nothing. */
export function membershipWriter(mailboxes: MailboxesRepository, dryRun: boolean): MembershipWriter {
  if (dryRun) return { planned: true, apply: () => Promise.resolve() };
  return {
    planned: false,
    apply: async (mailboxId, add, remove) => {
      await mailboxes.addMembers(mailboxId, add, 'ldap');
      await mailboxes.removeMembers(mailboxId, remove, 'ldap');
    },
  };
}

/** The writer for a run: the repository, or for a dry run one that records instead of writing. */
export function runWriter(users: DirectoryUsersRepository, dryRun: boolean): RunWriter {
  if (dryRun) return RECORDING;
  return {
    planned: false,
    applyDirectoryBatch: (batch) => users.applyDirectoryBatch(batch),
    disableForSync: (ids, by) => users.disableForSync(ids, by),
  };
}
