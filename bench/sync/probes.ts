import type { INestApplication } from '@nestjs/common';

import { LdapLogService } from '../../src/logs/ldap-log.service.js';
import { AssignMailboxesStep } from '../../src/sync/run/assign-mailboxes.step.js';
import { DeprovisionStep } from '../../src/sync/run/deprovision.step.js';
import { ImportPassStep } from '../../src/sync/run/import-pass.step.js';
import { UpsertBatchStep } from '../../src/sync/run/upsert-batch.step.js';
import { SyncRunsRepository } from '../../src/sync/sync-runs.repository.js';
import { DirectoryUsersRepository } from '../../src/users/directory-users.repository.js';
import { MailboxesRepository } from '../../src/mailboxes/mailboxes.repository.js';
import type { Breakdown } from './types.js';

type Target = object;
type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * Where a run's time goes: each listed method of the app's own (singleton) providers is wrapped
 * on its instance to add up the wall time spent in it. The steps run one after another, so the
 * sums are comparable with the run's duration; nested ones are shown as "of which".
 */
export const PROBES: [label: string, provider: abstract new (...args: never[]) => Target, method: string][] = [
  ['import pass', ImportPassStep, 'execute'],
  ['upsert batches (compare + write + their log lines)', UpsertBatchStep, 'execute'],
  ['candidate queries', DirectoryUsersRepository, 'findDirectoryCandidates'],
  ['batch writes', DirectoryUsersRepository, 'applyDirectoryBatch'],
  ['log writes (all steps)', LdapLogService, 'write'],
  ['run record updates', SyncRunsRepository, 'update'],
  ['deprovision', DeprovisionStep, 'execute'],
  ['mailbox assignment', AssignMailboxesStep, 'execute'],
  ['mailbox member lookups (users by DN)', DirectoryUsersRepository, 'findByLdapDns'],
  ['mailbox membership writes', MailboxesRepository, 'addMembers'],
];

export class Probes {
  private totals: Breakdown = {};

  constructor(app: INestApplication) {
    for (const [label, provider, method] of PROBES) this.wrap(app.get(provider), method, label);
  }

  reset(): void {
    this.totals = Object.fromEntries(PROBES.map(([label]) => [label, 0]));
  }

  snapshot(): Breakdown {
    return { ...this.totals };
  }

  private wrap(target: Target, method: string, label: string): void {
    const slots = target as Record<string, Method>;
    const original = slots[method].bind(target);
    slots[method] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await original(...args);
      } finally {
        this.totals[label] = (this.totals[label] ?? 0) + performance.now() - started;
      }
    };
  }
}
