import { Injectable } from '@nestjs/common';

import type { LdapConnection } from '../../ldap/client/ldap-connection.js';
import { DirectoryService } from '../../ldap/directory/directory.service.js';
import { andFilters } from '../../ldap/filter.js';
import type { MailboxEntity } from '../../mailboxes/entities/mailbox.entity.js';
import { MailboxesRepository } from '../../mailboxes/mailboxes.repository.js';
import { UsersRepository } from '../../users/users.repository.js';
import { dnKey } from './map-entries.js';
import { describeError, isAbort, type RunState } from './run-state.js';
import { BATCH_SIZE } from './run-types.js';

interface Members {
  ids: Set<number>;
  /** Dry run: matching entries that are not users yet (the plan would create them). */
  toBeCreated: string[];
}

/**
 * For each mailbox with an LDAP filter: one paged search per scope for (&<scope filter><mailbox
 * filter>) gives its members' DNs; memberships whose source is ldap follow them, manual ones are
 * never touched. A mailbox whose search fails is logged and left as it was.
 */
@Injectable()
export class AssignMailboxesStep {
  constructor(
    private readonly directory: DirectoryService,
    private readonly mailboxes: MailboxesRepository,
    private readonly users: UsersRepository,
  ) {}

  async execute(run: RunState, conn: LdapConnection): Promise<void> {
    for (const mailbox of await this.mailboxes.listWithFilter()) {
      run.checkpoint();
      try {
        await this.assign(run, conn, mailbox);
      } catch (error) {
        if (isAbort(run, error)) throw error;
        const message = `mailbox ${mailbox.name}: filter ${mailbox.ldapFilter} failed, memberships left as they were: ${describeError(error)}`;
        run.warn(message);
        run.log.add('error', 'sync.mailbox.failed', message, { mailboxId: mailbox.id, filter: mailbox.ldapFilter });
      }
      await run.log.flush();
      if (!conn.isUsable) throw new Error('the directory connection was lost during mailbox assignment');
    }
  }

  private async assign(run: RunState, conn: LdapConnection, mailbox: MailboxEntity): Promise<void> {
    const members = await this.members(run, conn, mailbox.ldapFilter!);
    const current = new Set(await this.mailboxes.memberIds(mailbox.id, 'ldap'));
    const adds = [...members.ids].filter((id) => !current.has(id));
    const removes = [...current].filter((id) => !members.ids.has(id));
    for (let i = 0; i < Math.max(adds.length, removes.length); i += BATCH_SIZE) {
      run.checkpoint();
      const [add, remove] = [adds.slice(i, i + BATCH_SIZE), removes.slice(i, i + BATCH_SIZE)];
      if (!run.setup.dryRun) {
        await this.mailboxes.addMembers(mailbox.id, add, 'ldap');
        await this.mailboxes.removeMembers(mailbox.id, remove, 'ldap');
      }
      await this.record(run, mailbox, add, 'mailbox-add');
      await this.record(run, mailbox, remove, 'mailbox-remove');
    }
    for (const dn of members.toBeCreated) {
      run.counters.mailboxAdds += 1;
      run.log.add('info', 'sync.plan.mailbox-add', `would add ${dn} (a new user) to mailbox ${mailbox.name}`, { mailboxId: mailbox.id, dn });
    }
  }

  private async members(run: RunState, conn: LdapConnection, filter: string): Promise<Members> {
    const members: Members = { ids: new Set(), toBeCreated: [] };
    for (const scope of this.directory.scopes(run.settings)) {
      const pages = conn.pagedSearch(scope.dn, { filter: andFilters(scope.filter, filter), attributes: ['1.1'], pageSize: run.settings.pageSize });
      for await (const page of pages) {
        run.checkpoint();
        const dns = page.map((entry) => entry.dn);
        const found = await this.users.findByLdapDns(dns);
        found.forEach((user) => members.ids.add(user.id));
        if (!run.setup.dryRun) continue;
        const known = new Set(found.map((user) => dnKey(user.ldapDn ?? '')));
        members.toBeCreated.push(...dns.filter((dn) => !known.has(dnKey(dn)) && run.plannedCreateDns.has(dnKey(dn))));
      }
    }
    return members;
  }

  private async record(run: RunState, mailbox: MailboxEntity, ids: number[], action: 'mailbox-add' | 'mailbox-remove'): Promise<void> {
    if (ids.length === 0) return;
    const adding = action === 'mailbox-add';
    for (const user of await this.users.identities(ids)) {
      if (adding) run.counters.mailboxAdds += 1;
      else run.counters.mailboxRemoves += 1;
      run.sample({ action, dn: user.ldapDn, email: user.email, mailbox: mailbox.name });
      const verb = run.setup.dryRun ? `would ${adding ? 'add' : 'remove'}` : adding ? 'added' : 'removed';
      const event = run.setup.dryRun ? `sync.plan.${action}` : `sync.mailbox.${adding ? 'added' : 'removed'}`;
      run.log.add('info', event, `${verb} ${user.email} ${adding ? 'to' : 'from'} mailbox ${mailbox.name}`, { mailboxId: mailbox.id, userId: user.id, dn: user.ldapDn });
    }
  }
}
