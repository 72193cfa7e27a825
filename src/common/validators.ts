import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

import { validateFilter } from '../ldap/filter.js';

/** An RFC 4515 search filter such as (memberOf=cn=support,ou=groups,dc=example,dc=com). */
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
