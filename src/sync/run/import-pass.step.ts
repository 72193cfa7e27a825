import { Injectable } from '@nestjs/common';

import type { LdapConnection } from '../../ldap/client/ldap-connection.js';
import { EntryReader } from '../../ldap/directory/entry-reader.js';
import { lookupScopes, stableIdIsAUser } from '../../ldap/directory/directory.service.js';
import { andFilters } from '../../ldap/syntax/filter.js';
import type { SearchScope } from '../../ldap/settings/ldap-settings.types.js';
import { SyncRunsRepository } from '../sync-runs.repository.js';
import type { PassOutcome } from './deprovision-policy.js';
import { deltaClause } from './high-water-mark.js';
import { describeError, isAbort, type RunState } from './run-state.js';
import { mapPages, readAhead } from '../../ldap/client/pages.js';
import { BATCH_SIZE } from './run-types.js';
import { UpsertBatchStep } from './upsert-batch.step.js';

const RECORD_PROGRESS_EVERY_MS = 1_000;

/**
 * The largest page the import asks for (pageSize when smaller). What one page brings lives until
 * it is written while the next one is read, so V8 moves it out of the young generation and it
 * piles up as old garbage: with pages of 500 the peak RSS of a 30k import grew by 51 to 100 MB,
 * with pages of 100 by 31 to 34 MB (issue 16).
 */
export const IMPORT_PAGE_SIZE = 100;

export interface PassResult extends PassOutcome {
  errors: string[];
}

/**
 * The directory pass: per scope, a paged search streamed page by page (the next page is read
 * while one is written), each page mapped and upserted in batches.
 */
@Injectable()
export class ImportPassStep {
  constructor(
    private readonly runs: SyncRunsRepository,
    private readonly upsert: UpsertBatchStep,
  ) {}

  async execute(run: RunState, conn: LdapConnection): Promise<PassResult> {
    const result: PassResult = { full: run.setup.pass === 'full', complete: true, entriesPerScope: [], errors: [] };
    for (const scope of lookupScopes(run.settings)) {
      run.checkpoint();
      try {
        result.entriesPerScope.push(await this.searchScope(run, conn, scope));
      } catch (error) {
        if (isAbort(run, error)) throw error;
        result.complete = false;
        result.errors.push(`search of ${scope.dn} failed: ${describeError(error)}`);
        run.log.add('error', 'sync.scope.failed', `search of ${scope.dn} failed: ${describeError(error)}`, {
          scope: scope.dn,
          filter: scope.filter,
        });
        await run.log.flush();
        // the connection is gone: the remaining scopes cannot be searched either
        if (!conn.isUsable) break;
      }
    }
    return result;
  }

  private async searchScope(run: RunState, conn: LdapConnection, scope: SearchScope): Promise<number> {
    const baseline = run.setup.baseline;
    const filter =
      run.setup.pass === 'delta' && baseline ? andFilters(scope.filter, deltaClause(baseline)) : scope.filter;
    // what the import reads is what sign-in reads; the delta mark is the server's (see readServerMark)
    const reader = EntryReader.for(run.settings);
    const pages = conn.pagedSearch(scope.dn, {
      filter,
      attributes: [...reader.attributes],
      pageSize: Math.min(run.settings.pageSize, IMPORT_PAGE_SIZE),
      onPageSizeRefused: ({ refused, next, reason }) =>
        run.log.add(
          'warn',
          'sync.page-size.lowered',
          `the server refused pages of ${refused} entries under ${scope.dn} (${reason}); searching again with pages of ${next}: lower the page size in the settings`,
          { scope: scope.dn, refused, next },
        ),
    });
    const delta = run.setup.pass === 'delta';
    // each page is read into candidates as it arrives: the entries are not kept while it is written
    const read = mapPages(pages, (page) => ({
      size: page.length,
      dns: delta ? page.map((entry) => entry.dn) : [],
      candidates: page.map((entry) => reader.read(entry)),
    }));
    let entries = 0;
    // the first record after a second: a short run (a delta) writes its record once, at the end
    let recordedAt = Date.now();
    for await (const { size, dns, candidates } of readAhead(read)) {
      run.checkpoint();
      entries += size;
      if (delta) run.noteChanged(dns);
      const stillAUser = (stableId: string) => stableIdIsAUser(conn, run.settings, stableId);
      for (let i = 0; i < candidates.length; i += BATCH_SIZE)
        await this.upsert.execute(run, candidates.slice(i, i + BATCH_SIZE), stillAUser);
      run.progress.pages += 1;
      run.progress.entries += size;
      // the API reads a running run's progress from memory: the record is for other instances
      if (Date.now() - recordedAt >= RECORD_PROGRESS_EVERY_MS) {
        recordedAt = Date.now();
        await this.runs.update(run.id, { counters: run.counters, progress: run.progress });
      }
    }
    return entries;
  }
}
