import { BadRequestException, ConflictException } from '@nestjs/common';

/** Another run holds the lock (here or on another instance): 409 with its id when known. */
export class SyncAlreadyRunningError extends ConflictException {
  constructor(readonly runId: string | null) {
    super({
      statusCode: 409,
      error: 'Conflict',
      message: runId ? `a directory sync is already running (run ${runId})` : 'a directory sync is already running',
      runId,
    });
  }
}

export class SyncNotConfiguredError extends BadRequestException {
  constructor(reason: string) {
    super({ statusCode: 400, error: 'Bad Request', message: reason });
  }
}
