import { isIP } from 'node:net';

import { plainToInstance } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  type ValidationArguments,
  Validate,
  validateSync,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

import { parseTargetList, TargetListSyntaxError } from '../common/network-targets.js';
import { parseCidr } from '../common/cidr.js';
import { LOG_LEVELS, type LogLevel } from './app-config.js';

/** A comma-separated list of IPv4/IPv6 addresses or CIDRs (src/common/cidr.ts). */
@ValidatorConstraint({ name: 'cidrList' })
class CidrListConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    const parts = splitList(value);
    try {
      parts.forEach((part) => parseCidr(part));
      return parts.length > 0;
    } catch {
      return false;
    }
  }
}

/** Splits a comma-separated environment value, trimming and dropping empty parts. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

const LIMIT = (name: string, max: number) => `${name} must be a whole number from 1 to ${max}`;

/** HOST: an IP address (IPv4, or IPv6 without brackets) or a host name such as localhost. */
@ValidatorConstraint({ name: 'isListenHost' })
class IsListenHost implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && (isIP(value) !== 0 || HOST_NAME.test(value));
  }

  defaultMessage(): string {
    return 'HOST must be the address to listen on: an IP address (e.g. HOST=127.0.0.1, HOST=0.0.0.0 or HOST=::) or a host name such as localhost';
  }
}

// RFC 1123 labels: letters, digits and inner hyphens, up to 63 characters each.
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * The environment variables the application reads. Each failure names the variable
 * and the form it expects, so a bad deployment stops with one readable line.
 */
export class EnvironmentSchema {
  @IsOptional()
  @IsInt({ message: 'PORT must be a whole number from 1 to 65535, e.g. PORT=3000' })
  @Min(1, { message: 'PORT must be a whole number from 1 to 65535, e.g. PORT=3000' })
  @Max(65535, { message: 'PORT must be a whole number from 1 to 65535, e.g. PORT=3000' })
  PORT?: number;

  @IsOptional()
  @Validate(IsListenHost)
  HOST?: string;

  @IsOptional()
  @Matches(/^(sqlite:.+|mysql:\/\/[^\s/]+\/[^\s/?]+(\?\S*)?|mariadb:\/\/[^\s/]+\/[^\s/?]+(\?\S*)?)$/, {
    message:
      'DATABASE_URL must be sqlite:<path> (e.g. sqlite:./data/helpdesk.sqlite) or mysql://user:password@host:3306/database',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Matches(/^(base64:[A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$/, {
    message:
      'APP_KEY must be 32 bytes as base64:<44 characters> or 64 hex digits (generate one with: openssl rand -hex 32)',
  })
  APP_KEY?: string;

  @IsOptional()
  @IsEmail({}, { message: 'BOOTSTRAP_ADMIN_EMAIL must be an email address, e.g. admin@example.com' })
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @IsOptional()
  @MinLength(12, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters' })
  @MaxLength(1024, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be at most 1024 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  @IsOptional()
  @Matches(
    /^(true|false|\d{1,2}|[0-9a-fA-F:.]+(\/\d{1,3})?(\s*,\s*[0-9a-fA-F:.]+(\/\d{1,3})?)*|loopback|linklocal|uniquelocal)$/,
    {
      message:
        'TRUST_PROXY must be false, true, a hop count (e.g. 1) or a comma-separated list of proxy addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8)',
    },
  )
  TRUST_PROXY?: string;

  @IsOptional()
  @IsInt({ message: 'SESSION_TTL must be a number of seconds from 300 to 2592000 (30 days), e.g. SESSION_TTL=43200' })
  @Min(300, {
    message: 'SESSION_TTL must be a number of seconds from 300 to 2592000 (30 days), e.g. SESSION_TTL=43200',
  })
  @Max(2592000, {
    message: 'SESSION_TTL must be a number of seconds from 300 to 2592000 (30 days), e.g. SESSION_TTL=43200',
  })
  SESSION_TTL?: number;

  @IsOptional()
  @IsInt({ message: LIMIT('LOGIN_MAX_FAILURES', 10000) })
  @Min(1, { message: LIMIT('LOGIN_MAX_FAILURES', 10000) })
  @Max(10000, { message: LIMIT('LOGIN_MAX_FAILURES', 10000) })
  LOGIN_MAX_FAILURES?: number;

  @IsOptional()
  @IsInt({ message: LIMIT('LOGIN_FAILURE_WINDOW', 86400) })
  @Min(1, { message: LIMIT('LOGIN_FAILURE_WINDOW', 86400) })
  @Max(86400, { message: LIMIT('LOGIN_FAILURE_WINDOW', 86400) })
  LOGIN_FAILURE_WINDOW?: number;

  @IsOptional()
  @IsInt({ message: LIMIT('CLIENT_MAX_FAILURES', 1000000) })
  @Min(1, { message: LIMIT('CLIENT_MAX_FAILURES', 1000000) })
  @Max(1000000, { message: LIMIT('CLIENT_MAX_FAILURES', 1000000) })
  CLIENT_MAX_FAILURES?: number;

  @IsOptional()
  @IsInt({ message: LIMIT('CLIENT_FAILURE_WINDOW', 86400) })
  @Min(1, { message: LIMIT('CLIENT_FAILURE_WINDOW', 86400) })
  @Max(86400, { message: LIMIT('CLIENT_FAILURE_WINDOW', 86400) })
  CLIENT_FAILURE_WINDOW?: number;

  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  @IsOptional()
  @IsIn(['json', 'text'], { message: 'LOG_FORMAT must be json or text' })
  LOG_FORMAT?: 'json' | 'text';

  @IsOptional()
  @IsIn([...LOG_LEVELS], { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._~+/=-]{32,512}$/, {
    message:
      'METRICS_TOKEN must be 32 to 512 characters of A-Z, a-z, 0-9 and ._~+/=- (generate one with: openssl rand -hex 32)',
  })
  METRICS_TOKEN?: string;

  @IsOptional()
  @Validate(CidrListConstraint, {
    message:
      'METRICS_ALLOW must be a comma-separated list of addresses or CIDRs allowed to read /api/metrics, e.g. 127.0.0.1/32,10.0.0.0/8',
  })
  METRICS_ALLOW?: string;

  @IsOptional()
  @IsTargetList()
  LDAP_ALLOWED_TARGETS?: string;
}

/** LDAP_ALLOWED_TARGETS: see parseTargetList; the message names the bad entry. */
function IsTargetList() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTargetList',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && targetListError(value) === null,
        defaultMessage: (args: ValidationArguments) =>
          `LDAP_ALLOWED_TARGETS must be a comma-separated list of directory targets, e.g. ldap.example.com:636,10.0.0.0/8: ${targetListError(String(args.value))}`,
      },
    });
}

function targetListError(value: string): string | null {
  try {
    parseTargetList(value);
    return null;
  } catch (error) {
    if (error instanceof TargetListSyntaxError) return error.message;
    throw error;
  }
}

export class ConfigError extends Error {}

const NUMERIC = [
  'PORT',
  'SESSION_TTL',
  'LOGIN_MAX_FAILURES',
  'LOGIN_FAILURE_WINDOW',
  'CLIENT_MAX_FAILURES',
  'CLIENT_FAILURE_WINDOW',
] as const;

/** Validates the raw environment; throws ConfigError with one line per bad variable. */
export function validateEnvironment(env: NodeJS.ProcessEnv): EnvironmentSchema {
  const raw: Record<string, unknown> = {};
  for (const key of KNOWN_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const key of NUMERIC) {
    if (typeof raw[key] === 'string') raw[key] = /^\d+$/.test(raw[key] as string) ? Number(raw[key]) : raw[key];
  }
  const parsed = plainToInstance(EnvironmentSchema, raw);
  const errors = validateSync(parsed, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`);
    throw new ConfigError(lines.join('\n'));
  }
  return parsed;
}

const KNOWN_KEYS = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATA_DIR',
  'APP_KEY',
  'BOOTSTRAP_ADMIN_EMAIL',
  'BOOTSTRAP_ADMIN_PASSWORD',
  'TRUST_PROXY',
  'SESSION_TTL',
  'LOGIN_MAX_FAILURES',
  'LOGIN_FAILURE_WINDOW',
  'CLIENT_MAX_FAILURES',
  'CLIENT_FAILURE_WINDOW',
  'LDAP_ALLOWED_TARGETS',
  'METRICS_TOKEN',
  'METRICS_ALLOW',
  'NODE_ENV',
  'LOG_FORMAT',
  'LOG_LEVEL',
];
