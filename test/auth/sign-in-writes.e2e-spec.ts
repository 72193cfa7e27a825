import { createHash } from 'node:crypto';

import type { Request, Response } from 'express';

import { SESSION_COOKIE, SessionService } from '../../src/auth/session.service.js';
import type { UserEntity } from '../../src/users/entities/user.entity.js';
import { SessionsRepository } from '../../src/users/sessions.repository.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

// What a sign-in writes besides its answer, cheaply (issue 16). The last sign-in time is stored
// behind the answer: several in one statement, the latest per user, every one written before the
// database connection closes. Session rows arriving together share one INSERT.
describe.each(testDatabases())("a sign-in's own writes on $name", (db) => {
  it('is stored after a sign-in, and the ones still queued are written at shutdown', async () => {
    const url = await db.url();
    const first = await startTestApp(url);
    const admin = (await first.app.get(UsersRepository).getByEmail(ADMIN_EMAIL))!;
    expect(admin.lastLoginAt).toBeNull();
    const before = Date.now();
    await first.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await first.app.get(SessionService).flushLastLogins();
    const stored = (await first.app.get(UsersRepository).getByEmail(ADMIN_EMAIL))!.lastLoginAt;
    expect(stored!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    await first.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await first.close();
    const second = await startTestApp(url);
    try {
      const latest = (await second.app.get(UsersRepository).getByEmail(ADMIN_EMAIL))!.lastLoginAt;
      expect(latest!.getTime()).toBeGreaterThan(stored!.getTime());
    } finally {
      await second.close();
    }
  });

  it('several in one statement: the latest time per user, other columns untouched', async () => {
    const t = await startTestApp(await db.url());
    try {
      const users = t.app.get(UsersRepository);
      const admin = (await users.getByEmail(ADMIN_EMAIL))!;
      const { id: _id, createdAt: _created, updatedAt: _updated, ...fields } = admin;
      const other = await users.create({ ...fields, email: 'other@example.com', role: 'agent' });
      const [early, late] = [new Date('2026-01-02T03:04:05Z'), new Date('2026-02-03T04:05:06Z')];
      await users.recordLogins([
        { id: admin.id, at: late },
        { id: other.id, at: early },
        { id: admin.id, at: early },
      ]);
      expect((await users.getById(admin.id))?.lastLoginAt).toEqual(late);
      expect(await users.getById(other.id)).toMatchObject({ lastLoginAt: early, email: 'other@example.com' });
    } finally {
      await t.close();
    }
  });

  it('session rows of sign-ins that arrive together share an INSERT; a bad one fails its sign-in alone', async () => {
    const t = await startTestApp(await db.url());
    try {
      const admin = (await t.app.get(UsersRepository).getByEmail(ADMIN_EMAIL))!;
      const service = t.app.get(SessionService);
      const signIn = async (i: number) => {
        const cookies: string[] = [];
        const req = { ip: i % 2 ? '10.0.0.1' : undefined, secure: false, cookies: {} } as unknown as Request;
        const res = {
          clearCookie: () => undefined,
          cookie: (_name: string, value: string) => cookies.push(value),
        } as unknown as Response;
        // one names a user that is gone: the session row's foreign key refuses it
        await service.start(i === 7 ? ({ ...admin, id: 999_999 } as UserEntity) : admin, 'local', req, res);
        return { cookies: { [SESSION_COOKIE]: cookies[0] } } as unknown as Request;
      };
      // the first goes alone, the next 19 wait for it and go together
      const answers = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => signIn(i)));
      expect(answers.map((a) => a.status)).toEqual(answers.map((_, i) => (i === 7 ? 'rejected' : 'fulfilled')));
      for (const i of [0, 1, 8, 19]) {
        const request = (answers[i] as PromiseFulfilledResult<Request>).value;
        expect(await service.resolve(request)).toEqual({
          user: expect.objectContaining({ id: admin.id }),
          method: 'local',
          idHash: expect.any(String),
        });
      }
      const sessions = t.app.get(SessionsRepository);
      const ips = await Promise.all(
        [0, 1].map(async (i) => {
          const token = ((answers[i] as PromiseFulfilledResult<Request>).value.cookies as Record<string, string>)[
            SESSION_COOKIE
          ];
          return (await sessions.getSessionWithUser(createHash('sha256').update(token).digest('hex')))?.session.ip;
        }),
      );
      expect(ips).toEqual([null, '10.0.0.1']);
    } finally {
      await t.close();
    }
  });
});
