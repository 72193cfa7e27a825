import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DirectoryUsersRepository } from '../../src/users/directory-users.repository.js';
import { DirectoryUsersService } from '../../src/users/directory-users.service.js';
import type { DirectoryProfileInput } from '../../src/users/directory-users.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

function profile(uid: string): DirectoryProfileInput {
  const email = `${uid}@example.test`;
  return {
    email,
    emails: [email],
    firstName: uid,
    lastName: 'Race',
    jobTitle: null,
    phone: null,
    ldapUid: `uid-${uid}`,
    ldapDn: `uid=${uid},ou=race,dc=example,dc=com`,
    directoryState: null,
  };
}

/*
 * The just-in-time write (sign-in, SSO) decides again only when it lost a race for a unique key.
 * The race is real: right after upsert has looked the user up, another upsert of the same entry
 * (a parallel sign-in) runs to its end and takes the email and stable id first.
 */
describe.each(testDatabases())('the just-in-time user write on $name', (db) => {
  let t: TestApp;
  let service: DirectoryUsersService;
  let repository: DirectoryUsersRepository;
  let warnings: string[];

  beforeAll(async () => {
    t = await startTestApp(await db.url());
    service = t.app.get(DirectoryUsersService);
    repository = t.app.get(DirectoryUsersRepository);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** Runs `between` once, after the first look-up and before the write; counts the look-ups. */
  const betweenLookupAndWrite = (between: () => Promise<unknown>) => {
    const lookup = repository.findDirectoryCandidates.bind(repository);
    let calls = 0;
    jest.spyOn(repository, 'findDirectoryCandidates').mockImplementation(async (keys) => {
      calls += 1;
      const found = await lookup(keys);
      if (calls === 1) await between();
      return found;
    });
    return { lookups: () => calls };
  };

  it('a write that lost the race for the email and stable id is decided again and takes the winner', async () => {
    const entry = profile('rae');
    let winner: Awaited<ReturnType<DirectoryUsersService['upsert']>> | undefined;
    const spy = betweenLookupAndWrite(async () => {
      winner = await service.upsert(entry);
    });

    const outcome = await service.upsert(entry);

    expect(winner).toMatchObject({ kind: 'written', action: 'created' });
    const winnerId = winner?.kind === 'written' ? winner.user.id : -1;
    expect(outcome).toMatchObject({ kind: 'written', action: 'unchanged', user: { id: winnerId } });
    // the loser's look-up, the winner's, and the loser's second decision
    expect(spy.lookups()).toBe(3);
    expect(warnings).toEqual([
      expect.stringMatching(/^writing the user for uid=rae,.* lost a race \(.+\); deciding again$/),
    ]);
    const rows = await t.app.get(DataSource).query('SELECT id FROM users WHERE email = ?', [entry.email]);
    expect(rows.map((r: { id: number | string }) => Number(r.id))).toEqual([winnerId]);
  });

  it('any other database failure is thrown at once: no second decision, no race in the log', async () => {
    const data = t.app.get(DataSource);
    const spy = betweenLookupAndWrite(() => data.query('ALTER TABLE users RENAME TO users_away'));
    try {
      await expect(service.upsert(profile('ned'))).rejects.toThrow(/users|doesn't exist|no such table/i);
    } finally {
      await data.query('ALTER TABLE users_away RENAME TO users');
    }
    expect(spy.lookups()).toBe(1);
    expect(warnings).toEqual([]);
    expect(await data.query('SELECT id FROM users WHERE email = ?', ['ned@example.test'])).toEqual([]);
  });

  it('a closed data source is thrown at once too', async () => {
    const other = await startTestApp(await db.url());
    try {
      const closing = other.app.get(DataSource);
      const otherRepository = other.app.get(DirectoryUsersRepository);
      const lookup = otherRepository.findDirectoryCandidates.bind(otherRepository);
      let calls = 0;
      jest.spyOn(otherRepository, 'findDirectoryCandidates').mockImplementation(async (keys) => {
        calls += 1;
        const found = await lookup(keys);
        await closing.destroy();
        return found;
      });
      await expect(other.app.get(DirectoryUsersService).upsert(profile('cal'))).rejects.toThrow();
      expect(calls).toBe(1);
      expect(warnings).toEqual([]);
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});
