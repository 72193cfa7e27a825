import type { DirectoryBatch, UsersRepository } from '../../users/users.repository.js';

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
  /** Disables users whose entry is gone and ends their sessions. */
  disableForSync(ids: number[]): Promise<void>;
}

const RECORDING: RunWriter = {
  planned: true,
  applyDirectoryBatch: () => Promise.resolve(new Map()),
  disableForSync: () => Promise.resolve(),
};

/** The writer for a run: the repository, or for a dry run one that records instead of writing. */
export function runWriter(users: UsersRepository, dryRun: boolean): RunWriter {
  if (dryRun) return RECORDING;
  return {
    planned: false,
    applyDirectoryBatch: (batch) => users.applyDirectoryBatch(batch),
    disableForSync: (ids) => users.disableForSync(ids),
  };
}
