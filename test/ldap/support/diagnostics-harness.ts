import { randomBytes } from 'node:crypto';

import type { DiagnosticReport, DiagnosticStep } from '../../../src/ldap/diagnostics/diagnostics.service.js';
import type { Encryption } from '../../../src/ldap/settings/ldap-settings.types.js';
import { OUS } from '../../directories/fixtures.js';
import { GeneratedUsers, generateUsersLdif } from '../../directories/generate.js';
import { OpenLdapServer, startOpenLdap } from '../../directories/openldap.js';
import type { TestApp } from '../../support/app.js';
import { settingsFor, SilentServer, startSilentServer } from './client-harness.js';

/** The service account's password on every server here: distinctive, so a leak can be searched for. */
export const SECRET = `Bind-S3cret-${randomBytes(6).toString('hex')}`;
export const WRONG_PASSWORD = `Wrong-Pa55-${randomBytes(6).toString('hex')}`;
export const PERSON = '(objectClass=inetOrgPerson)';
export const SCOPES = [
  { dn: OUS.people, filter: PERSON },
  { dn: OUS.staff, filter: PERSON },
];
/** More users than slapd returns to a plain search (its default size limit is 500). */
export const BULK_USERS = 1_200;

export type Step = DiagnosticStep;

/** What POST /api/admin/ldap/test answers: the report plus what was understood of the host. */
export type Report = DiagnosticReport & { notes: string[] };

/** A settings body that reaches the service account of `server` over `encryption`. */
export function target(server: OpenLdapServer, encryption: Encryption, overrides: object = {}) {
  return {
    ...settingsFor(server, encryption, { bindPassword: SECRET }),
    searchScopes: SCOPES,
    allowBindDnScopeLogin: false,
    ...overrides,
  };
}

export const stepNames = (steps: Step[]): string[] => steps.map((s) => s.step);

/** The one failed step, which must be the last one: diagnostics stop at the first failure. */
export function failedStep(steps: Step[]): Step {
  const failed = steps.filter((s) => !s.ok);
  expect(failed).toHaveLength(1);
  expect(steps[steps.length - 1]).toBe(failed[0]);
  return failed[0];
}

export interface Directories {
  valid: OpenLdapServer;
  expired: OpenLdapServer;
  wrongHost: OpenLdapServer;
  /** No TLS at all; also holds BULK_USERS generated users under bulk.containerDn. */
  noTls: OpenLdapServer;
  bulk: GeneratedUsers;
  /** Accepts connections and never answers. */
  silent: SilentServer;
  stop(): Promise<void>;
}

/** One slapd per certificate case, the service account's password set to SECRET on each. */
export async function startDirectories(): Promise<Directories> {
  const bulk = await generateUsersLdif(BULK_USERS);
  const servers = await Promise.allSettled(
    (['valid', 'expired', 'wrong-host', 'none'] as const).map((tls) =>
      startOpenLdap({ tls, bulkLdif: tls === 'none' ? bulk.path : undefined }),
    ),
  );
  const started = servers.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const silent = await startSilentServer();
  const stop = async () => {
    await silent.close();
    await Promise.all(started.map((s) => s.stop()));
  };
  const failure = servers.find((s) => s.status === 'rejected');
  if (failure) {
    await stop();
    throw failure.reason;
  }
  await Promise.all(
    started.map((server) =>
      server.ldapModify(
        `dn: ${server.serviceDn}\nchangetype: modify\nreplace: userPassword\nuserPassword: ${SECRET}\n`,
      ),
    ),
  );
  const [valid, expired, wrongHost, noTls] = started;
  return { valid, expired, wrongHost, noTls, bulk, silent, stop };
}

/** Calls to the diagnostics endpoints, each (by default) as an admin of its own: the throttle counts per admin. */
export class DiagnosticsClient {
  /** Every response body, to search for the secret. */
  readonly bodies: string[] = [];
  private admins = 0;

  constructor(
    private readonly app: TestApp,
    private readonly adminCookie: string,
  ) {}

  async newAdmin(): Promise<string> {
    const email = `diag-admin-${++this.admins}@example.com`;
    const password = `admin-password-${this.admins}-for-tests`;
    const created = await this.app
      .http()
      .post('/api/admin/users')
      .set('Cookie', this.adminCookie)
      .send({ email, password, role: 'admin' });
    expect(created.status).toBe(201);
    return this.app.signIn(email, password);
  }

  async post(path: 'test' | 'attributes', body: object, cookie?: string) {
    const res = await this.app
      .http()
      .post(`/api/admin/ldap/${path}`)
      .set('Cookie', cookie ?? (await this.newAdmin()))
      .send(body);
    this.bodies.push(JSON.stringify(res.body));
    return res;
  }

  /** Runs diagnostics and expects an answer (200) with every step timed and described. */
  async diagnose(body: object, cookie?: string): Promise<Report> {
    const res = await this.post('test', body, cookie);
    expect(res.status).toBe(200);
    for (const step of res.body.steps as Step[]) {
      expect(step.ms).toEqual(expect.any(Number));
      expect(step.ms).toBeGreaterThanOrEqual(0);
      expect(step.message).toEqual(expect.any(String));
    }
    return res.body;
  }
}
