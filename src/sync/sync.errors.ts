import { BadRequestError, ConflictError } from '../common/domain-error.js';

/** Another run holds the lock (here or on another instance): 409 with its id, when known, as `runId`. */
export class SyncAlreadyRunningError extends ConflictError {
  constructor(readonly runId: string | null) {
    super(
      'SYNC_ALREADY_RUNNING',
      runId ? `a directory sync is already running (run ${runId})` : 'a directory sync is already running',
    );
    this.name = 'SyncAlreadyRunningError';
  }

  override details(): Record<string, unknown> {
    return { runId: this.runId };
  }
}

/** A run was asked for while LDAP is off (400). */
export class SyncNotConfiguredError extends BadRequestError {
  constructor(reason: string) {
    super('LDAP_NOT_ENABLED', reason);
    this.name = 'SyncNotConfiguredError';
  }
}
