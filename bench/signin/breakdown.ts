import { createConnection } from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2';

import { SignInService } from '../../src/auth/sign-in.service.js';
import { LoginThrottleService } from '../../src/auth/throttle/login-throttle.service.js';
import { LdapConnection } from '../../src/ldap/client/ldap-connection.js';
import { DirectoryService } from '../../src/ldap/directory/directory.service.js';
import { EntryReader } from '../../src/ldap/directory/entry-reader.js';
import { LdapClientService } from '../../src/ldap/directory/ldap-client.service.js';
import { LdapSettingsService } from '../../src/ldap/settings/ldap-settings.service.js';
import { LdapLogService } from '../../src/logs/ldap-log.service.js';
import { MailboxFilterCache } from '../../src/mailboxes/mailbox-filter-cache.js';
import { MailboxesRepository } from '../../src/mailboxes/mailboxes.repository.js';
import { DirectoryUsersService } from '../../src/users/directory-users.service.js';
import { SessionsRepository } from '../../src/users/sessions.repository.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { DEFAULT_PASSWORD } from '../../test/directories/fixtures.js';
import { sampleSerially } from '../lib/load.js';
import { fixed, type Table } from '../lib/report.js';
import { median } from '../lib/stats.js';
import { JsonClient } from '../lib/http-client.js';
import type { SignInEnvironment } from './environment.js';

const SQL_COUNTERS = ['Com_select', 'Com_insert', 'Com_update', 'Com_delete', 'Com_begin', 'Com_commit'];
const LDAP_OPERATIONS: [string, RegExp][] = [
  ['connections', / ACCEPT /],
  ['StartTLS/TLS', / EXT oid=1\.3\.6\.1\.4\.1\.1466\.20037| TLS established/],
  ['binds', / BIND dn=/],
  ['searches', / SRCH base=/],
];

type Step = [label: string, run: (i: number) => Promise<unknown>];

/** Where the time of one sign-in goes: each step alone, at concurrency 1, and what one sign-in costs in SQL statements and LDAP operations. */
export async function breakdown(env: SignInEnvironment, samples: number): Promise<Table[]> {
  const steps = await stepsOf(env);
  const rows = [];
  for (const [label, run] of steps) {
    await sampleSerially(10, run);
    rows.push([label, fixed(median(await sampleSerially(samples, run)), 3)]);
  }
  const counts = await perSignIn(env, Math.min(samples, 100));
  return [
    {
      title: 'Where one sign-in spends its time (each step alone, concurrency 1, median)',
      columns: ['step', 'ms'],
      rows,
    },
    {
      title: 'What one sign-in costs (average over consecutive sign-ins of returning users)',
      columns: [
        'level',
        ...SQL_COUNTERS.map((c) => `SQL ${c.slice(4)}`),
        ...LDAP_OPERATIONS.map(([name]) => `LDAP ${name}`),
      ],
      rows: counts,
    },
  ];
}

async function stepsOf(env: SignInEnvironment): Promise<Step[]> {
  const get = env.app.app.get.bind(env.app.app);
  const [settings, directory, client, users, usersRepo, sessionsRepo, mailboxes, filters, logs, throttle, auth] = [
    get(LdapSettingsService),
    get(DirectoryService),
    get(LdapClientService),
    get(DirectoryUsersService),
    get(UsersRepository),
    get(SessionsRepository),
    get(MailboxesRepository),
    get(MailboxFilterCache),
    get(LdapLogService),
    get(LoginThrottleService),
    get(SignInService),
  ];
  const login = (i: number): string => env.users.uid(1 + (i % 100));
  const current = await settings.get();
  const found = await directory.findByLogin(login(0), current);
  if (found.kind !== 'found') throw new Error('breakdown: the first user is not in the directory');
  const mapped = EntryReader.for(current).read(found.entry);
  if (mapped.kind === 'skip') throw new Error(`breakdown: ${mapped.reason}`);
  const written = await users.upsert(mapped.profile);
  if (written.kind !== 'written') throw new Error(`breakdown: ${written.reason}`);
  const { user } = written;
  const connection = await settings.connection();
  return [
    ['LdapSettingsService.get()', () => settings.get()],
    ['LdapSettingsService.connection()', () => settings.connection()],
    [
      'DirectoryService.findByLogin (search on the service connection)',
      (i) => directory.findByLogin(login(i), current),
    ],
    [
      'LdapClientService.verifyPassword (user bind, as wired)',
      () => client.verifyPassword(found.entry.dn, DEFAULT_PASSWORD),
    ],
    ['  of which: LdapConnection.open + close alone', async () => (await LdapConnection.open(connection)).close()],
    ['DirectoryUsersService.upsert (returning user, unchanged)', () => users.upsert(mapped.profile)],
    [
      'mailboxes: MailboxesRepository.listWithFilter alone (the read the cache saves)',
      () => mailboxes.listWithFilter(),
    ],
    [
      'mailboxes, as sign-in does: MailboxFilterCache.listWithFilter (+ reconcile when a mailbox has a filter)',
      async () => {
        const filtered = await filters.listWithFilter();
        if (filtered.length > 0)
          await mailboxes.reconcileUserLdapMemberships(
            user.id,
            filtered.map((m) => m.id),
            [],
          );
      },
    ],
    [
      'LdapLogService.write (a line, waiting for the INSERT)',
      () => logs.write({ level: 'info', event: 'bench.step', actor: user.email, message: 'bench breakdown step' }),
    ],
    [
      'LdapLogService.append (the login.succeeded line as sign-in writes it: queued)',
      () => logs.append({ level: 'info', event: 'bench.step', actor: user.email, message: 'bench breakdown step' }),
    ],
    [
      'SignInService.signIn (whole strategy level)',
      (i) => auth.signIn({ login: login(i), password: DEFAULT_PASSWORD }, '127.0.0.1'),
    ],
    [
      'LoginThrottleService: reserve on login and address (one statement), then succeeded (one)',
      async (i) => {
        const reservation = throttle.start();
        await throttle.reserveLogin(reservation, login(i), '127.0.0.1');
        throttle.settleBehind(reservation, 'succeeded');
        await throttle.flush();
      },
    ],
    [
      'HTTP only: session insert + recordLogin',
      async (i) => {
        const now = new Date();
        await sessionsRepo.insertSessions([
          {
            idHash: `bench-${Date.now()}-${i}-${Math.random()}`,
            userId: user.id,
            authMethod: 'ldap',
            createdAt: now,
            expiresAt: new Date(now.getTime() + 3_600_000),
            ip: null,
          },
        ]);
        await usersRepo.recordLogins([{ id: user.id, at: now }]);
      },
    ],
  ];
}

async function perSignIn(env: SignInEnvironment, count: number): Promise<string[][]> {
  const auth = env.app.app.get(SignInService);
  const http = new JsonClient(env.port, 1);
  const levels: [string, (i: number) => Promise<unknown>][] = [
    [
      'strategy (SignInService.signIn)',
      (i) => auth.signIn({ login: env.users.uid(1 + i), password: DEFAULT_PASSWORD }, '127.0.0.1'),
    ],
    [
      'HTTP (POST /api/auth/login)',
      (i) => http.post('/api/auth/login', { login: env.users.uid(1 + i), password: DEFAULT_PASSWORD }),
    ],
  ];
  const rows: string[][] = [];
  try {
    for (const [level, signIn] of levels) {
      const [sqlBefore, ldapBefore] = [await sqlCounters(env.mariadbUrl), (await env.ldap.accessLog()).length];
      await sampleSerially(count, signIn);
      const sql = await sqlCounters(env.mariadbUrl);
      const ldapLines = (await env.ldap.accessLog()).slice(ldapBefore);
      const ldap = LDAP_OPERATIONS.map(([, pattern]) => ldapLines.filter((line) => pattern.test(line)).length);
      rows.push([
        level,
        ...SQL_COUNTERS.map((c) => fixed((sql[c] - sqlBefore[c]) / count, 1)),
        ...ldap.map((n) => fixed(n / count, 1)),
      ]);
    }
  } finally {
    http.close();
  }
  return rows;
}

async function sqlCounters(url: string): Promise<Record<string, number>> {
  const connection = await createConnection(url);
  try {
    const [rows] = await connection.query<RowDataPacket[]>(
      `SHOW GLOBAL STATUS WHERE Variable_name IN (${SQL_COUNTERS.map(() => '?').join(', ')})`,
      SQL_COUNTERS,
    );
    return Object.fromEntries(rows.map((row) => [String(row.Variable_name), Number(row.Value)]));
  } finally {
    await connection.end();
  }
}
