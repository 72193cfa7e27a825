import { X509Certificate } from 'node:crypto';

import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  registerDecorator,
  ValidateIf,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';

import { isValidDn, parseDn } from '../ldap/syntax/dn.js';
import { cronScheduleError } from './cron-schedule.js';
import { normalizeFilter, validateFilter } from '../ldap/syntax/filter.js';

/**
 * The filter to store and send, in RFC 4515 form, and a note for the admin when DN escapes as
 * Active Directory prints them (`\,`) were converted (see convertDnEscapes). Call it on a value
 * IsLdapFilter accepted; throws FilterSyntaxError otherwise.
 */
export function storedFilter(field: string, filter: string): { filter: string; notes: string[] } {
  const result = normalizeFilter(filter.trim());
  if (result.converted.length === 0) return { filter: result.filter, notes: [] };
  const note =
    `${field}: the DN escapes in ${result.converted.join(' ')} were written in RFC 4515 form ` +
    `(a DN's own escape, such as \\, or \\2C, as \\5c, or \\5c2C), the form LDAP filters use: ${result.filter}`;
  return { filter: result.filter, notes: [note] };
}

/**
 * An RFC 4515 search filter such as (memberOf=cn=support,ou=groups,dc=example,dc=com); DN escapes
 * as Active Directory prints them are accepted in DN-valued assertions (store it with storedFilter).
 */
export function IsLdapFilter(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isLdapFilter',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validateFilter(value).ok,
        defaultMessage: (args: ValidationArguments) => {
          const value = args.value;
          if (typeof value !== 'string') return `${args.property} must be an LDAP filter string`;
          const result = validateFilter(value);
          return result.ok ? '' : `${args.property} is not a valid LDAP filter: ${result.message}`;
        },
      },
    });
}

/**
 * A cron expression the scheduler can run (see cronScheduleError). In a nested DTO the
 * ValidationPipe puts the parent's path in front (sync.schedule ...).
 */
export function IsCronSchedule(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCronSchedule',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && cronScheduleError(value) === null,
        defaultMessage: (args: ValidationArguments) => {
          const reason = typeof args.value === 'string' ? cronScheduleError(args.value) : 'not a string';
          return `${args.property} must be a cron expression such as "0 * * * *" (every hour; minute hour day month weekday): ${reason}`;
        },
      },
    });
}

/** An RFC 4514 distinguished name such as ou=people,dc=example,dc=com. */
export function IsDn(options?: ValidationOptions & { allowEmpty?: boolean }) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDn',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && ((options?.allowEmpty && value === '') || isValidDn(value)),
        defaultMessage: (args: ValidationArguments) => {
          if (typeof args.value !== 'string')
            return `${args.property} must be a DN string such as ou=people,dc=example,dc=com`;
          try {
            parseDn(args.value);
            return `${args.property} must not be empty; a DN such as ou=people,dc=example,dc=com`;
          } catch (error) {
            return `${args.property} is not a valid DN: ${(error as Error).message}`;
          }
        },
      },
    });
}

/** One or more PEM certificates. */
export function IsPemCertificates(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPemCertificates',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && pemCertificates(value) !== null,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be one or more PEM certificates (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)`,
      },
    });
}

/** The certificates in a PEM bundle, or null when any block does not parse. */
export function pemCertificates(pem: string): X509Certificate[] | null {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!blocks) return null;
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch {
    return null;
  }
}

/**
 * Optional without accepting null: absent (undefined) skips every check of the field, null is
 * refused (a field that is not nullable would otherwise be stored as null, or silently ignored).
 * `leaveOut` says what leaving the field out does: "to keep the stored value" (an edit, the
 * default), "for agent" (a default on create).
 */
export function IsAbsentOrNotNull(leaveOut = 'to keep the stored value'): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_o: unknown, value: unknown) => value !== undefined),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'notNull',
        target: target.constructor,
        propertyName: propertyName as string,
        validator: {
          validate: (value: unknown) => value !== null,
          defaultMessage: (args: ValidationArguments) => `${args.property} cannot be null: leave it out ${leaveOut}`,
        },
      }),
  );
}

/**
 * A whole number within [min, max] (max optional), one message for every way to miss it; a
 * number written in quotes is told so, since JSON sends "389" as text.
 */
export function IsWholeNumber(min: number, max?: number, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isWholeNumber',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          Number.isInteger(value) && (value as number) >= min && (max === undefined || (value as number) <= max),
        defaultMessage: (args: ValidationArguments) => {
          const range = max === undefined ? `, ${min} or more` : ` from ${min} to ${max}`;
          const quoted = typeof args.value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(args.value);
          return `${args.property} must be a whole number${range}${quoted ? ', written without quotes' : ''}`;
        },
      },
    });
}

/** A field that must be sent, and not as null: one message, "email is required", whatever else it fails. */
export function IsRequired(): PropertyDecorator {
  return IsDefined({ message: '$property is required' });
}

/** true or false, as JSON writes them; "true" in quotes is told so, since JSON sends it as text. */
export function IsTrueOrFalse(): PropertyDecorator {
  return IsBoolean({
    message: (args: ValidationArguments) =>
      `${args.property} must be true or false${args.value === 'true' || args.value === 'false' ? ', written without quotes' : ''}`,
  });
}

/** Format, separator and control characters (zero-width space, BOM, NBSP, …): nothing a reader sees. */
const INVISIBLE = /^[\p{Cf}\p{Z}\p{Cc}\s]*$/u;

/**
 * A name with something to read: trimmed before it is checked (and stored), and refused when
 * empty or made only of invisible characters (Unicode categories Cf, Z and Cc).
 */
export function IsVisibleName(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isVisibleName',
        target: target.constructor,
        propertyName: propertyName as string,
        options,
        validator: {
          validate: (value: unknown) => typeof value !== 'string' || !INVISIBLE.test(value),
          defaultMessage: (args: ValidationArguments) =>
            args.value === ''
              ? `${args.property} must not be empty`
              : `${args.property} must contain visible characters, not only spaces or invisible ones`,
        },
      }),
  );
}
