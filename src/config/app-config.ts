import type { TargetRule } from '../common/network-targets.js';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Validated environment, read once at boot (see env.schema.ts). */
export interface AppConfig {
  port: number;
  /** HOST: the address to listen on; unset: every address (Node's default, :: or 0.0.0.0). */
  host?: string;
  databaseUrl: string;
  dataDir: string;
  appKey: Buffer;
  /** How the APP_KEY was obtained, for the boot banner. */
  appKeySource: 'env' | 'file' | 'generated';
  appKeyFile?: string;
  bootstrapAdminEmail?: string;
  bootstrapAdminPassword?: string;
  /** Express "trust proxy" value: false, a hop count or a list of addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  sessionTtlSeconds: number;
  /** Failed sign-ins allowed per login and per client address, and their windows. */
  loginThrottle: { perLogin: number; perLoginWindowSeconds: number; perClient: number; perClientWindowSeconds: number };
  /**
   * LDAP_ALLOWED_TARGETS: the only directory targets any connection may reach (empty: any, except
   * link-local and cloud metadata addresses, which are never dialled).
   */
  ldapAllowedTargets?: TargetRule[];
  /** Folder of the built web console (web/dist); unset: the API alone (tests, CLI). */
  webRoot?: string;
  /** Who may read /api/metrics besides an admin session: a bearer token and client addresses (CIDRs). */
  metrics?: { token?: string; allow: string[] };
  /** json (one object a line; default when NODE_ENV=production) or text (readable); LOG_FORMAT overrides. */
  logFormat?: 'json' | 'text';
  /** pino level: info unless LOG_LEVEL says otherwise (debug shows Nest's module and route lines). */
  logLevel?: LogLevel;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
