import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseTargetList } from '../common/network-targets.js';
import { parseAppKey } from '../common/secret-cipher.js';
import { AppConfig } from './app-config.js';
import { ConfigError, splitList, validateEnvironment } from './env.schema.js';

/**
 * Reads and validates the environment. When APP_KEY is unset, a key is kept in
 * DATA_DIR/app.key (generated on the first run) so encrypted settings survive restarts.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars = validateEnvironment(env);
  const dataDir = resolve(vars.DATA_DIR ?? './data');
  const databaseUrl = vars.DATABASE_URL ?? `sqlite:${join(dataDir, 'helpdesk.sqlite')}`;
  const key = resolveAppKey(vars.APP_KEY, dataDir);
  return {
    port: vars.PORT ?? 3000,
    host: vars.HOST,
    databaseUrl: normaliseSqliteUrl(databaseUrl),
    dataDir,
    appKey: key.key,
    appKeySource: key.source,
    appKeyFile: key.file,
    bootstrapAdminEmail: vars.BOOTSTRAP_ADMIN_EMAIL?.toLowerCase(),
    bootstrapAdminPassword: vars.BOOTSTRAP_ADMIN_PASSWORD,
    trustProxy: parseTrustProxy(vars.TRUST_PROXY),
    sessionTtlSeconds: vars.SESSION_TTL ?? 12 * 3600,
    loginThrottle: {
      perLogin: vars.LOGIN_MAX_FAILURES ?? 10,
      perLoginWindowSeconds: vars.LOGIN_FAILURE_WINDOW ?? 15 * 60,
      perClient: vars.CLIENT_MAX_FAILURES ?? 100,
      perClientWindowSeconds: vars.CLIENT_FAILURE_WINDOW ?? 3600,
    },
    ldapAllowedTargets: parseTargetList(vars.LDAP_ALLOWED_TARGETS ?? ''),
    webRoot: join(packageRoot(), 'web', 'dist'),
    logFormat: vars.LOG_FORMAT ?? (vars.NODE_ENV === 'production' ? 'json' : 'text'),
    logLevel: vars.LOG_LEVEL ?? 'info',
    metrics: { token: vars.METRICS_TOKEN, allow: vars.METRICS_ALLOW ? splitList(vars.METRICS_ALLOW) : [] },
  };
}

/** The folder holding package.json, found upwards from this file (src/config or dist/src/config). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function resolveAppKey(
  value: string | undefined,
  dataDir: string,
): { key: Buffer; source: AppConfig['appKeySource']; file?: string } {
  if (value) return { key: parseAppKey(value), source: 'env' };
  const file = join(dataDir, 'app.key');
  if (existsSync(file)) {
    try {
      return { key: parseAppKey(readFileSync(file, 'utf8').trim()), source: 'file', file };
    } catch {
      throw new ConfigError(`${file} does not hold a valid key; set APP_KEY or restore the file`);
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `base64:${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { key, source: 'generated', file };
}

function parseTrustProxy(value: string | undefined): AppConfig['trustProxy'] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function normaliseSqliteUrl(url: string): string {
  if (!url.startsWith('sqlite:')) return url;
  const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
  return `sqlite:${isAbsolute(path) ? path : resolve(path)}`;
}
