import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express from 'express';
import { Client } from 'ldapts';
import passport from 'passport';
import LdapStrategy from 'passport-ldapauth';

import { SignInService } from '../../src/auth/sign-in.service.js';
import { DirectoryService } from '../../src/ldap/directory/directory.service.js';
import { LdapClientService } from '../../src/ldap/directory/ldap-client.service.js';
import { escapeFilterValue } from '../../src/ldap/syntax/escape.js';
import { LdapSettingsService } from '../../src/ldap/settings/ldap-settings.service.js';
import { JsonClient } from '../lib/http-client.js';
import {
  type DirectoryTarget,
  LOGIN_ATTRIBUTES,
  type SignInEnvironment,
  TIMEOUT_MS,
  USER_FILTER,
} from './environment.js';

/** One way of signing in, opened for one load run. */
export interface Subject {
  /** True when the directory accepted the login and password. */
  signIn(login: string, password: string, worker: number): Promise<boolean>;
  close(): Promise<void>;
}

export type SubjectName =
  | 'floor'
  | 'passport-ldapauth'
  | 'passport-ldapauth HTTP'
  | 'passport-ldapauth in NestJS + DB session HTTP'
  | 'ours'
  | 'ours, directory steps only'
  | 'ours HTTP';
export type OpenSubject = (target: DirectoryTarget, concurrency: number) => Promise<Subject>;

function ldaptsClient(target: DirectoryTarget): Client {
  const tlsOptions = target.encryption === 'ssl' ? { ca: [target.caPem] } : undefined;
  return new Client({ url: target.url, tlsOptions, timeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
}

/**
 * The floor: raw ldapts, a search on an open, bound service connection, then a bind as the user
 * on an open connection of the worker's own (binds on one connection cannot overlap).
 */
export const openFloor: OpenSubject = async (target, concurrency) => {
  const service = ldaptsClient(target);
  const userClients = Array.from({ length: concurrency }, () => ldaptsClient(target));
  await Promise.all([service, ...userClients].map((client) => client.bind(target.bindDn, target.bindPassword)));
  const anyOf = LOGIN_ATTRIBUTES.map((a) => `(${a}=`);
  return {
    async signIn(login, password, worker) {
      const value = escapeFilterValue(login);
      const filter = `(&${USER_FILTER}(|${anyOf.map((a) => `${a}${value})`).join('')}))`;
      const { searchEntries } = await service.search(target.base, {
        scope: 'sub',
        filter,
        attributes: target.attributes,
        sizeLimit: 2,
      });
      if (searchEntries.length !== 1) return false;
      try {
        await userClients[worker].bind(searchEntries[0].dn, password);
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      await Promise.all([service, ...userClients].map((client) => client.unbind().catch(() => undefined)));
    },
  };
};

function passportStrategy(target: DirectoryTarget): LdapStrategy {
  const searchFilter = `(&${USER_FILTER}(|${LOGIN_ATTRIBUTES.map((a) => `(${a}={{username}})`).join('')}))`;
  return new LdapStrategy({
    usernameField: 'login',
    server: {
      url: target.url,
      bindDN: target.bindDn,
      bindCredentials: target.bindPassword,
      searchBase: target.base,
      searchFilter,
      searchAttributes: target.attributes,
      timeout: TIMEOUT_MS,
      connectTimeout: TIMEOUT_MS,
      tlsOptions: target.encryption === 'ssl' ? { ca: [target.caPem] } : undefined,
    },
  });
}

/** passport-ldapauth's Strategy driven directly, as Passport would: a fake request, success/fail/error hooks. */
export const openPassport: OpenSubject = async (target) => {
  const strategy = passportStrategy(target);
  return {
    signIn: (login, password) =>
      new Promise<boolean>((resolve, reject) => {
        const attempt = Object.create(strategy) as LdapStrategy & {
          success: () => void;
          fail: () => void;
          error: (e: unknown) => void;
        };
        attempt.success = () => resolve(true);
        attempt.fail = () => resolve(false);
        attempt.error = (error) => reject(error instanceof Error ? error : new Error(String(error)));
        attempt.authenticate({ body: { login, password }, query: {} } as never, {});
      }),
    close: async () => undefined,
  };
};

/** passport-ldapauth behind the smallest Express app that uses it. */
export const openPassportHttp: OpenSubject = async (target, concurrency) => {
  const authenticator = new passport.Passport();
  authenticator.use(passportStrategy(target));
  const app = express();
  app.use(express.json());
  app.use(authenticator.initialize());
  app.post('/login', authenticator.authenticate('ldapauth', { session: false }), (req, res) => {
    res.json({ dn: (req.user as { dn: string }).dn });
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const client = new JsonClient((server.address() as AddressInfo).port, concurrency);
  return {
    signIn: async (login, password) => (await client.post('/login', { login, password })) === 200,
    close: async () => {
      client.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

/** Our sign-in below HTTP: the service the ldap Passport strategy hands over to. */
export function openOurs(env: SignInEnvironment): OpenSubject {
  const auth = env.app.app.get(SignInService);
  return async () => ({
    signIn: async (login, password) => (await auth.signIn({ login, password }, '127.0.0.1')).ok,
    close: async () => undefined,
  });
}

/** The LDAP part of our sign-in alone (settings, lookup on the service connection, bind on the pool): what the floor is the floor of. */
export function openOursDirectory(env: SignInEnvironment): OpenSubject {
  const get = env.app.app.get.bind(env.app.app);
  const [settings, directory, client] = [get(LdapSettingsService), get(DirectoryService), get(LdapClientService)];
  return async () => ({
    signIn: async (login, password) => {
      const found = await directory.findByLogin(login, await settings.get());
      if (found.kind !== 'found') return false;
      return client.verifyPassword(found.entry.dn, password).then(
        () => true,
        () => false,
      );
    },
    close: async () => undefined,
  });
}

/** Our sign-in end to end: POST /api/auth/login (throttle, strategies, session, cookie). */
export function openOursHttp(env: SignInEnvironment): OpenSubject {
  return async (_target, concurrency) => {
    const client = new JsonClient(env.port, concurrency);
    return {
      signIn: async (login, password) => (await client.post('/api/auth/login', { login, password })) === 200,
      close: async () => client.close(),
    };
  };
}
