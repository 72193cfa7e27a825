import { Injectable } from '@nestjs/common';

import type { LdapConnection } from '../../ldap/client/ldap-connection.js';
import type { MailboxEntity } from '../../mailboxes/entities/mailbox.entity.js';
import { filterFailure, type HealthyConnection, memberDnPages } from '../../mailboxes/mailbox-membership.js';
import { type MemberIdentity, MailboxesRepository } from '../../mailboxes/mailboxes.repository.js';
import { DirectoryUsersRepository } from '../../users/directory-users.repository.js';
import { dnKey } from './map-entries.js';
import { isAbort, type RunState } from './run-state.js';
import { BATCH_SIZE } from './run-types.js';
import { membershipWriter, type MembershipWriter } from './run-writer.js';

/** The current directory-driven members of one mailbox, by id and by DN key. */
interface Current {
  byId: Map<number, MemberIdentity>;
  byDn: Map<string, MemberIdentity>;
}

interface Members {
  /** Current members the filter still matches. */
  kept: Set<number>;
  /** Users the filter matches that are not members yet, and their ids. */
  adds: MemberIdentity[];
  added: Set<number>;
  /** Dry run: matching entries that are not users yet (the plan would create them). */
  toBeCreated: string[];
}

/**
 * For each mailbox with an LDAP filter: the shared membership rule (one paged search per scope for
 * (&<scope filter><mailbox filter>)) gives its members' DNs; memberships whose source is ldap
 * follow them, manual ones are never touched. A mailbox whose filter fails (refused, timed out,
 * connection lost) is logged with the reason and left exactly as it was; the next one is searched
 * on a healthy connection.
 */
@Injectable()
export class AssignMailboxesStep {
  constructor(
    private readonly mailboxes: MailboxesRepository,
    private readonly users: DirectoryUsersRepository,
  ) {}

  async execute(run: RunState, connection: HealthyConnection): Promise<void> {
    for (const mailbox of await this.mailboxes.listWithFilter()) {
      run.checkpoint();
      try {
        await this.assign(run, await connection.get(), mailbox);
      } catch (error) {
        if (isAbort(run, error)) throw error;
        const { cause, reason } = filterFailure(mailbox.ldapFilter!, error);
        const message = `mailbox ${mailbox.name}: filter ${mailbox.ldapFilter} failed, memberships left as they were: ${reason}`;
        run.warn(message);
        run.log.add('error', 'sync.mailbox.failed', message, {
          mailboxId: mailbox.id,
          filter: mailbox.ldapFilter,
          cause,
        });
      }
      await run.log.flush();
    }
  }

  private async assign(run: RunState, conn: LdapConnection, mailbox: MailboxEntity): Promise<void> {
    const listed = await this.mailboxes.membersWithIdentity(mailbox.id, 'ldap');
    const current: Current = {
      byId: new Map(listed.map((m) => [m.id, m])),
      byDn: new Map(listed.flatMap((m) => (m.ldapDn ? [[dnKey(m.ldapDn), m]] : []))),
    };
    const members = await this.members(run, conn, mailbox.ldapFilter!, current);
    const { adds } = members;
    const removes = listed.filter((m) => !members.kept.has(m.id));
    const writer = membershipWriter(this.mailboxes, run.setup.dryRun);
    for (let i = 0; i < Math.max(adds.length, removes.length); i += BATCH_SIZE) {
      run.checkpoint();
      const [add, remove] = [adds.slice(i, i + BATCH_SIZE), removes.slice(i, i + BATCH_SIZE)];
      await writer.apply(
        mailbox.id,
        add.map((m) => m.id),
        remove.map((m) => m.id),
      );
      this.record(run, writer, mailbox, add, 'mailbox-add');
      this.record(run, writer, mailbox, remove, 'mailbox-remove');
    }
    for (const dn of members.toBeCreated) {
      run.counters.mailboxAdds += 1;
      run.log.add('info', 'sync.plan.mailbox-add', `would add ${dn} (a new user) to mailbox ${mailbox.name}`, {
        mailboxId: mailbox.id,
        dn,
      });
    }
  }

  private async members(run: RunState, conn: LdapConnection, filter: string, current: Current): Promise<Members> {
    const members: Members = { kept: new Set(), adds: [], added: new Set(), toBeCreated: [] };
    for await (const dns of memberDnPages(conn, run.settings, filter)) {
      run.checkpoint();
      await this.sortPage(run, dns, current, members);
    }
    return members;
  }

  /** Matching entries are told apart by DN first: only those that are not members yet are looked up. */
  private async sortPage(run: RunState, dns: string[], current: Current, members: Members): Promise<void> {
    const unknown: string[] = [];
    for (const dn of dns) {
      const member = current.byDn.get(dnKey(dn));
      if (member) members.kept.add(member.id);
      else unknown.push(dn);
    }
    if (unknown.length === 0) return;
    const found = await this.users.findByLdapDns(unknown);
    for (const user of found) {
      // a member under another spelling of its DN; or a user already added (overlapping scopes)
      if (current.byId.has(user.id)) members.kept.add(user.id);
      else if (!members.added.has(user.id)) {
        members.added.add(user.id);
        members.adds.push({ id: user.id, email: user.email, ldapDn: user.ldapDn });
      }
    }
    // users a dry run would create (a real run has created them, and found them above)
    const known = new Set(found.map((user) => dnKey(user.ldapDn ?? '')));
    members.toBeCreated.push(...unknown.filter((dn) => !known.has(dnKey(dn)) && run.plannedCreateDns.has(dnKey(dn))));
  }

  private record(
    run: RunState,
    writer: MembershipWriter,
    mailbox: MailboxEntity,
    users: MemberIdentity[],
    action: 'mailbox-add' | 'mailbox-remove',
  ): void {
    const adding = action === 'mailbox-add';
    for (const user of users) {
      if (adding) run.counters.mailboxAdds += 1;
      else run.counters.mailboxRemoves += 1;
      run.sample({ action, dn: user.ldapDn, email: user.email, mailbox: mailbox.name });
      const verb = writer.planned ? `would ${adding ? 'add' : 'remove'}` : adding ? 'added' : 'removed';
      const event = writer.planned ? `sync.plan.${action}` : `sync.mailbox.${adding ? 'added' : 'removed'}`;
      run.log.add('info', event, `${verb} ${user.email} ${adding ? 'to' : 'from'} mailbox ${mailbox.name}`, {
        mailboxId: mailbox.id,
        userId: user.id,
        dn: user.ldapDn,
      });
    }
  }
}
