import { createHash, randomBytes } from 'node:crypto';

import { SchedulerRegistry } from '@nestjs/schedule';

import { SESSION_SWEEP_JOB, SESSION_SWEEP_SCHEDULE, SessionSweeper } from '../../src/auth/session-sweeper.js';
import { SessionsRepository } from '../../src/users/sessions.repository.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

describe.each(testDatabases())('expired sessions are swept on $name', (db) => {
  let t: TestApp;
  let sessions: SessionsRepository;
  let adminId: number;

  beforeAll(async () => {
    t = await startTestApp(await db.url());
    sessions = t.app.get(SessionsRepository);
    adminId = (await t.app.get(UsersRepository).getByEmail(ADMIN_EMAIL))!.id;
  });
  afterAll(() => t?.close());

  /** A stored session row expiring `inMs` from now (negative: already expired); returns its id hash. */
  async function storedSession(inMs: number): Promise<string> {
    const idHash = createHash('sha256').update(randomBytes(32)).digest('hex');
    const now = Date.now();
    await sessions.insertSessions([
      {
        idHash,
        userId: adminId,
        authMethod: 'local',
        createdAt: new Date(now - 3_600_000),
        expiresAt: new Date(now + inMs),
        ip: '127.0.0.1',
      },
    ]);
    return idHash;
  }

  const stored = async (idHash: string) => (await sessions.getSessionWithUser(idHash)) !== null;

  it('the server schedules the sweep', () => {
    const job = t.app.get(SchedulerRegistry).getCronJob(SESSION_SWEEP_JOB);
    expect(job.cronTime.source).toBe(SESSION_SWEEP_SCHEDULE);
  });

  it('deletes the expired rows and keeps the live ones; a second sweep finds nothing', async () => {
    const cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const expiredLongAgo = await storedSession(-86_400_000);
    const expiredJustNow = await storedSession(-2_000);
    const liveForAMinute = await storedSession(60_000);
    const liveForADay = await storedSession(86_400_000);

    expect(await t.app.get(SessionSweeper).sweep()).toBe(2);

    expect(await stored(expiredLongAgo)).toBe(false);
    expect(await stored(expiredJustNow)).toBe(false);
    expect(await stored(liveForAMinute)).toBe(true);
    expect(await stored(liveForADay)).toBe(true);
    // the signed-in session (12 h) is live too, and still works
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
    expect(await t.app.get(SessionSweeper).sweep()).toBe(0);
  });

  it('sweeps at once (every instance sweeps, unlocked) delete each expired row once, and fail nowhere', async () => {
    const expired = [await storedSession(-60_000), await storedSession(-120_000), await storedSession(-180_000)];
    const live = await storedSession(3_600_000);
    const sweeper = t.app.get(SessionSweeper);
    const counts = await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(expired.length);
    for (const idHash of expired) expect(await stored(idHash)).toBe(false);
    expect(await stored(live)).toBe(true);
  });
});
