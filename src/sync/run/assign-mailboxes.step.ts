import { Injectable } from '@nestjs/common';

import type { LdapConnection } from '../../ldap/client/ldap-connection.js';
import type { MailboxEntity } from '../../mailboxes/entities/mailbox.entity.js';
import { filterFailure, type HealthyConnection, memberDnPages } from '../../mailboxes/mailbox-membership.js';
import { type MemberIdentity, MailboxesRepository } from '../../mailboxes/mailboxes.repository.js';
import { andFilters } from '../../ldap/syntax/filter.js';
import { DirectoryUsersRepository } from '../../users/directory-users.repository.js';
import { changedEntriesMatch, type DeltaFacts, parenthesized, prefetchDeltaFacts } from './delta-checks.js';
import { dependsOnGroups, groupsChangedSince } from './group-changes.js';
import { type HighWaterMark, deltaClause } from './high-water-mark.js';
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

/** Which mailboxes a delta reconciles for the changed entries only (since the mark), and which in full (undefined). */
type DeltaScope = (mailbox: MailboxEntity) => HighWaterMark | undefined;

/** Slack for the database's and the app's clocks (and MariaDB's whole-second datetime) when telling a new mailbox. */
export const CLOCK_SLACK_MS = 2_000;

/**
 * For each mailbox with an LDAP filter: the shared membership rule (one paged search per scope for
 * (&<scope filter><mailbox filter>)) gives its members' DNs; memberships whose source is ldap
 * follow them, manual ones are never touched. A mailbox whose filter fails (refused, timed out,
 * connection lost) is logged with the reason and left exactly as it was; the next one is searched
 * on a healthy connection.
 * A delta costs what changed: a mailbox is reconciled for the entries changed since the mark
 * only (the filter and its negation, each with the delta clause), except a mailbox created or
 * changed since the last run and, when a group entry changed since the mark, a mailbox whose
 * filter asks about group membership: those are reconciled in full.
 */
@Injectable()
export class AssignMailboxesStep {
  constructor(
    private readonly mailboxes: MailboxesRepository,
    private readonly users: DirectoryUsersRepository,
  ) {}

  async execute(run: RunState, connection: HealthyConnection): Promise<void> {
    const mailboxes = await this.mailboxes.listWithFilter();
    const scope = await this.deltaScope(run, connection, mailboxes);
    const changedDns = run.changedDns;
    const early = changedDns
      ? prefetchDeltaFacts(
          await connection.get(),
          run.settings,
          mailboxes.filter((m) => scope(m)),
          changedDns,
          this.mailboxes,
        )
      : new Map<number, Promise<DeltaFacts>>();
    for (const mailbox of mailboxes) {
      run.checkpoint();
      try {
        // a prefetch that failed is asked again here, on a healthy connection
        const facts = await early.get(mailbox.id)?.catch(() => undefined);
        await this.assign(run, await connection.get(), mailbox, scope(mailbox), facts);
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
      await run.log.flushBehind();
    }
  }

  /** A full run reconciles every mailbox in full; a delta decides per mailbox, and says how in the run's log. */
  private async deltaScope(
    run: RunState,
    connection: HealthyConnection,
    mailboxes: MailboxEntity[],
  ): Promise<DeltaScope> {
    const since = run.setup.pass === 'delta' ? run.setup.baseline : undefined;
    if (!since || mailboxes.length === 0) return () => undefined;
    const previous = run.setup.previousRunStartedAt;
    const changedAfter = previous ? previous.getTime() - CLOCK_SLACK_MS : Infinity;
    const isNew = (m: MailboxEntity) => m.updatedAt.getTime() >= changedAfter;
    const grouped = mailboxes.filter((m) => !isNew(m) && dependsOnGroups(m.ldapFilter!));
    const groups =
      grouped.length > 0
        ? await groupsChangedSince(
            await connection.get(),
            run.settings.searchScopes.map((s) => s.dn),
            since,
          )
        : { changed: false, reason: 'no mailbox filter asks about group membership' };
    const full = mailboxes.filter((m) => isNew(m) || (groups.changed && grouped.includes(m)));
    run.log.add(
      'info',
      'sync.mailbox.delta',
      `mailbox memberships reconciled for the entries changed since ${since.attribute}>=${since.value}` +
        (full.length > 0 ? `, in full for ${full.map((m) => m.name).join(', ')}` : '') +
        ` (${groups.reason})`,
      { full: full.map((m) => m.id), groupsChanged: groups.changed },
    );
    return (mailbox) => (full.includes(mailbox) ? undefined : since);
  }

  /** Reconciles one mailbox: in full, or (since set) for the entries changed since the mark. */
  private async assign(
    run: RunState,
    conn: LdapConnection,
    mailbox: MailboxEntity,
    since: HighWaterMark | undefined,
    facts: DeltaFacts | undefined,
  ): Promise<void> {
    const listed = facts?.listed ?? (await this.mailboxes.membersWithIdentity(mailbox.id, 'ldap'));
    const current: Current = {
      byId: new Map(listed.map((m) => [m.id, m])),
      byDn: new Map(listed.flatMap((m) => (m.ldapDn ? [[dnKey(m.ldapDn), m]] : []))),
    };
    const { members, removes } = await this.decide(run, conn, mailbox.ldapFilter!, since, current, {
      listed,
      matches: facts?.matches,
    });
    const { adds } = members;
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

  /**
   * Who joins and who leaves: in full, the filter's paged search against every current member; in a
   * delta, only the entries changed since the mark: each checked on its own (the sign-in's base
   * search) while the pass read few, else the filter and its negation ANDed with the delta clause.
   */
  private async decide(
    run: RunState,
    conn: LdapConnection,
    stored: string,
    since: HighWaterMark | undefined,
    current: Current,
    known: { listed: MemberIdentity[]; matches: boolean[] | undefined },
  ): Promise<{ members: Members; removes: MemberIdentity[] }> {
    const { listed } = known;
    if (!since) {
      const members = await this.members(run, conn, stored, current);
      return { members, removes: listed.filter((m) => !members.kept.has(m.id)) };
    }
    const filter = parenthesized(stored);
    if (!run.changedDns) {
      const members = await this.members(run, conn, andFilters(filter, deltaClause(since)), current);
      return { members, removes: await this.changedNonMembers(run, conn, filter, since, current, members) };
    }
    const dns = run.changedDns;
    const matches = known.matches ?? (await changedEntriesMatch(conn, run.settings, filter, dns));
    const matching: string[] = [];
    const leaving = new Map<number, MemberIdentity>();
    dns.forEach((dn, j) => {
      if (matches[j]) return void matching.push(dn);
      const member = current.byDn.get(dnKey(dn));
      if (member) leaving.set(member.id, member);
    });
    const members: Members = { kept: new Set(), adds: [], added: new Set(), toBeCreated: [] };
    await this.sortPage(run, matching, current, members);
    return { members, removes: [...leaving.values()].filter((m) => !members.kept.has(m.id)) };
  }

  /** Current members whose entry changed since the mark and no longer matches: (&(!<filter>)<delta clause>). */
  private async changedNonMembers(
    run: RunState,
    conn: LdapConnection,
    filter: string,
    since: HighWaterMark,
    current: Current,
    members: Members,
  ): Promise<MemberIdentity[]> {
    const removes = new Map<number, MemberIdentity>();
    for await (const dns of memberDnPages(conn, run.settings, andFilters(`(!${filter})`, deltaClause(since)))) {
      run.checkpoint();
      for (const dn of dns) {
        const member = current.byDn.get(dnKey(dn));
        if (member && !members.kept.has(member.id)) removes.set(member.id, member);
      }
    }
    return [...removes.values()];
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
