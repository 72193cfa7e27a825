import type { LdapConnection } from '../../ldap/client/ldap-connection.js';
import type { LdapSettings } from '../../ldap/settings/ldap-settings.types.js';
import type { MailboxEntity } from '../../mailboxes/entities/mailbox.entity.js';
import { entryMatches } from '../../mailboxes/mailbox-membership.js';
import type { MailboxesRepository, MemberIdentity } from '../../mailboxes/mailboxes.repository.js';

/** Changed entries checked against mailbox filters at once in a delta (all mailboxes together). */
const CHECKS_IN_FLIGHT = 20;

/** What a delta needs to reconcile one mailbox for the changed entries. */
export interface DeltaFacts {
  /** The mailbox's current directory-driven (source ldap) members among the changed entries' users. */
  listed: MemberIdentity[];
  /** Per changed DN, in the order given: whether the mailbox filter matches the entry. */
  matches: boolean[];
}

/**
 * At most `size` tasks run at once; the others start in the order they were asked for as slots
 * free up. A task's failure is its caller's; it frees its slot all the same.
 */
export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

/**
 * Starts, for each mailbox reconciled for the changed entries only, the read of its members among
 * the changed entries' users (one query for all mailboxes: a delta reads no whole member list) and
 * the base search of each changed entry against its filter, all mailboxes at once (at most
 * CHECKS_IN_FLIGHT searches in flight on the one connection, LDAP message ids keep them apart),
 * instead of one mailbox after the other. Each answer is a promise the caller awaits in its
 * mailbox's turn; none is left unhandled. A failed one is not reused: the caller asks again on
 * a healthy connection, where the failure, if real, is told with the mailbox it belongs to.
 */
export function prefetchDeltaFacts(
  conn: LdapConnection,
  settings: LdapSettings,
  mailboxes: readonly MailboxEntity[],
  changedDns: readonly string[],
  repository: Pick<MailboxesRepository, 'membershipsAtDns'>,
): Map<number, Promise<DeltaFacts>> {
  const slots = new Slots(CHECKS_IN_FLIGHT);
  const facts = new Map<number, Promise<DeltaFacts>>();
  const memberships = (mailboxes.length ? repository.membershipsAtDns(changedDns, 'ldap') : Promise.resolve([])).then(
    (rows) => {
      const byMailbox = new Map<number, MemberIdentity[]>();
      for (const row of rows) byMailbox.set(row.mailboxId, [...(byMailbox.get(row.mailboxId) ?? []), row.member]);
      return byMailbox;
    },
  );
  for (const mailbox of mailboxes) {
    const filter = parenthesized(mailbox.ldapFilter!);
    const fetched = Promise.all([
      memberships.then((byMailbox) => byMailbox.get(mailbox.id) ?? []),
      changedEntriesMatch(conn, settings, filter, changedDns, slots),
    ]).then(([listed, matches]) => ({ listed, matches }));
    fetched.catch(() => undefined);
    facts.set(mailbox.id, fetched);
  }
  return facts;
}

/** Per DN, whether (&<scope filter><filter>) matches its entry: base searches, at most CHECKS_IN_FLIGHT at once. */
export function changedEntriesMatch(
  conn: LdapConnection,
  settings: LdapSettings,
  filter: string,
  dns: readonly string[],
  slots = new Slots(CHECKS_IN_FLIGHT),
): Promise<boolean[]> {
  return Promise.all(dns.map((dn) => slots.run(() => entryMatches(conn, settings, dn, filter))));
}

/** A stored filter as one filter component, for andFilters and (!…). */
export function parenthesized(filter: string): string {
  const trimmed = filter.trim();
  return trimmed.startsWith('(') ? trimmed : `(${trimmed})`;
}
