import type { AddressInfo } from 'node:net';

import { Controller, type ExecutionContext, HttpCode, Injectable, Module, Post, Req, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule, PassportSerializer, PassportStrategy } from '@nestjs/passport';
import type { NestExpressApplication } from '@nestjs/platform-express';
import MySqlStoreFactory from 'express-mysql-session';
import session from 'express-session';
import passport from 'passport';
import Strategy from 'passport-ldapauth';

import { JsonClient } from '../lib/http-client.js';
import { type DirectoryTarget, LOGIN_ATTRIBUTES, TIMEOUT_MS, USER_FILTER } from './environment.js';
import type { OpenSubject } from './subjects.js';

/** The store's own table, beside the app's tables in the same database. */
const SESSION_TABLE = 'baseline_sessions';
const STRATEGY = 'ldapauth';

type LdapUser = Record<string, unknown> & { dn: string };

/**
 * A NestJS application as the NestJS docs have a user build LDAP sign-in with sessions: the
 * Passport recipe (PassportStrategy around passport-ldapauth, an AuthGuard that calls logIn, a
 * PassportSerializer) and the Session recipe (express-session, passport.session()), with the
 * session kept in MariaDB by express-mysql-session.
 */
function baselineModule(target: DirectoryTarget) {
  @Injectable()
  class LdapStrategy extends PassportStrategy(Strategy, STRATEGY) {
    constructor() {
      super({
        usernameField: 'login',
        server: {
          url: target.url,
          bindDN: target.bindDn,
          bindCredentials: target.bindPassword,
          searchBase: target.base,
          searchFilter: `(&${USER_FILTER}(|${LOGIN_ATTRIBUTES.map((a) => `(${a}={{username}})`).join('')}))`,
          searchAttributes: target.attributes,
          timeout: TIMEOUT_MS,
          connectTimeout: TIMEOUT_MS,
          tlsOptions: target.encryption === 'ssl' ? { ca: [target.caPem] } : undefined,
        },
      });
    }

    validate(user: LdapUser): LdapUser {
      return user;
    }
  }

  @Injectable()
  class LdapAuthGuard extends AuthGuard(STRATEGY) {
    override async canActivate(context: ExecutionContext): Promise<boolean> {
      const result = (await super.canActivate(context)) as boolean;
      await super.logIn(context.switchToHttp().getRequest());
      return result;
    }
  }

  @Injectable()
  class SessionSerializer extends PassportSerializer {
    serializeUser(user: LdapUser, done: (error: unknown, user: LdapUser) => void): void {
      done(null, user);
    }

    deserializeUser(payload: LdapUser, done: (error: unknown, user: LdapUser) => void): void {
      done(null, payload);
    }
  }

  @Controller('auth')
  class AuthController {
    @UseGuards(LdapAuthGuard)
    @Post('login')
    @HttpCode(200)
    login(@Req() req: { user: LdapUser }): { dn: string } {
      return { dn: req.user.dn };
    }
  }

  @Module({
    imports: [PassportModule.register({ session: true })],
    controllers: [AuthController],
    providers: [LdapStrategy, SessionSerializer],
  })
  class BaselineModule {}

  return BaselineModule;
}

/** Connection options for express-mysql-session from the app's mysql:// URL (same server, same database). */
function storeOptions(databaseUrl: string) {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
    schema: { tableName: SESSION_TABLE },
  };
}

/**
 * passport-ldapauth inside a NestJS app with a database-backed session on the app's database:
 * every successful sign-in writes a session row and answers a cookie, as ours does.
 */
export function openNestPassport(databaseUrl: string): OpenSubject {
  return async (target, concurrency) => {
    const MySqlStore = MySqlStoreFactory(session);
    const store = new MySqlStore(storeOptions(databaseUrl));
    await store.onReady();
    const app = await NestFactory.create<NestExpressApplication>(baselineModule(target), { logger: false });
    app.use(
      session({
        secret: 'bench-only-secret',
        resave: false,
        saveUninitialized: false,
        store,
      }),
    );
    app.use(passport.initialize());
    app.use(passport.session());
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const client = new JsonClient(port, concurrency);
    return {
      signIn: async (login, password) => (await client.post('/auth/login', { login, password })) === 200,
      close: async () => {
        client.close();
        app.getHttpServer().closeAllConnections();
        await app.close();
        await store.close();
      },
    };
  };
}
