import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { LdapSettingsDto } from '../ldap/settings/dto/ldap-settings.dto.js';
import { settingsFieldErrors } from '../ldap/settings/ldap-settings.service.js';
import { DEFAULT_LDAP_SETTINGS } from '../ldap/settings/ldap-settings.types.js';
import { mergeSettings, SettingsValidationError } from '../ldap/settings/settings-merge.js';
import { fieldErrors, fieldOfMessage, fieldsOfMessages, prototypeKeyPaths, typeFirst } from './field-errors.js';

const KNOWN = new Set(['host', 'bindDn', 'sso.trustedProxies', 'sync.schedule', 'attributeMap.email', 'searchScopes']);

describe('fieldOfMessage', () => {
  it.each([
    ['host is required when LDAP is enabled', 'host'],
    ['bindDn (or bindUsername) is required when LDAP is enabled', 'bindDn'],
    ['sso.trustedProxies: 0.0.0.0/0 would trust every address', 'sso.trustedProxies'],
    ['sync.schedule must be a cron expression', 'sync.schedule'],
    ['attributeMap.email must be an attribute name', 'attributeMap.email'],
    ['searchScopes.0.filter is not a valid LDAP filter', 'searchScopes'],
    ['searchScopes needs at least one DN and filter', 'searchScopes'],
  ])('%p is about %p', (message, path) => {
    expect(fieldOfMessage(message, KNOWN)).toBe(path);
  });

  it.each(['ldaps:// is already encrypted with SSL', 'the port in host (636) differs', 'hostname is wrong', ''])(
    '%p names no known field',
    (message) => {
      expect(fieldOfMessage(message, KNOWN)).toBeNull();
    },
  );

  it('groups messages by field, the others under the fallback', () => {
    expect(
      fieldsOfMessages(
        ['host is empty', 'a URL with a path is not accepted', 'host must not contain spaces'],
        KNOWN,
        () => 'form',
      ),
    ).toEqual({
      host: ['host is empty', 'host must not contain spaces'],
      form: ['a URL with a path is not accepted'],
    });
  });
});

describe('fieldErrors', () => {
  it('gives nested and array items dotted paths', () => {
    const dto = plainToInstance(LdapSettingsDto, {
      port: 0,
      searchScopes: [
        { dn: 'ou=people,dc=example,dc=com', filter: '(objectClass=person)' },
        { dn: 'not a dn', filter: '(broken' },
      ],
      sync: { schedule: 'hourly' },
      attributeMap: { email: '1bad' },
    });
    const fields = fieldErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
    expect(Object.keys(fields).sort()).toEqual([
      'attributeMap.email',
      'port',
      'searchScopes.1.dn',
      'searchScopes.1.filter',
      'sync.schedule',
    ]);
    expect(fields['searchScopes.1.filter'][0]).toMatch(/not a valid LDAP filter/);
    expect(fields.port).toEqual(['port must be a whole number from 1 to 65535']);
  });

  it('names a property that is not allowed', () => {
    const dto = plainToInstance(LdapSettingsDto, { sync: { bogus: 1 } });
    expect(fieldErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }))).toEqual({
      'sync.bogus': ['property bogus should not exist'],
    });
  });
});

describe('typeFirst: a value of the wrong type gets its type message alone', () => {
  const told = (body: object) =>
    fieldErrors(
      typeFirst(validateSync(plainToInstance(LdapSettingsDto, body), { whitelist: true, forbidNonWhitelisted: true })),
    );

  it.each([
    [{ backupServers: 'dc2' }, { backupServers: ['backupServers must be a list of {host, port}'] }],
    [{ backupServers: Array(11).fill({ host: 'dc2' }) }, { backupServers: ['backupServers takes at most 10 servers'] }],
    [{ searchScopes: [7] }, { 'searchScopes.0': ['searchScopes must be a list of {dn, filter}'] }],
    [{ loginAttributes: [] }, { loginAttributes: ['loginAttributes must name at least one attribute'] }],
    [
      { attributeMap: ['mail'] },
      { attributeMap: ['attributeMap must be an object such as {"email": "mail", "firstName": "givenName"}'] },
    ],
    [{ bindDn: 7 }, { bindDn: ['bindDn must be a DN string such as ou=people,dc=example,dc=com'] }],
    [{ sso: { header: 5 } }, { 'sso.header': ['header must be a header name such as x-remote-user'] }],
    [{ port: '636' }, { port: ['port must be a whole number from 1 to 65535, written without quotes'] }],
    [{ port: 'ldaps' }, { port: ['port must be a whole number from 1 to 65535'] }],
    [{ version: -1 }, { version: ['version must be a whole number, 0 or more'] }],
    [{ backupServers: [{ port: 636 }] }, { 'backupServers.0.host': ['host is required'] }],
    [
      { attributeMap: { firstName: 'givenName' } },
      { 'attributeMap.email': ['email must be an attribute name such as mail or givenName'] },
    ],
    [{ searchScopes: null }, { searchScopes: ['searchScopes cannot be null: leave it out to keep the stored value'] }],
    [{ bindUsername: null, caCertificate: null, srvDomain: null }, {}],
    [{ sync: { bogus: 1 } }, { 'sync.bogus': ['bogus is not a known field: check its spelling, or leave it out'] }],
  ])('%j', (body, fields) => {
    expect(told(body)).toEqual(fields);
  });
});

describe('settingsFieldErrors on the settings merge messages', () => {
  const messagesOf = (dto: object): string[] => {
    try {
      mergeSettings(DEFAULT_LDAP_SETTINGS, dto);
    } catch (error) {
      if (error instanceof SettingsValidationError) return error.messages;
      throw error;
    }
    throw new Error('no validation error');
  };

  it('puts cross-field messages beside their field', () => {
    const fields = settingsFieldErrors(
      messagesOf({ enabled: true, sso: { enabled: true, trustedProxies: ['0.0.0.0/0'] } }),
    );
    expect(Object.keys(fields).sort()).toEqual(['bindDn', 'host', 'searchScopes', 'sso.trustedProxies']);
  });

  it('puts the host parser messages beside host', () => {
    const fields = settingsFieldErrors(
      messagesOf({ host: 'ldaps://ldap.example.com/dc=example', encryption: 'starttls' }),
    );
    expect(Object.keys(fields)).toEqual(['host']);
  });
});

describe('prototypeKeyPaths', () => {
  it('finds the keys named like Object.prototype members, each as its keys (a key may hold a dot)', () => {
    expect(prototypeKeyPaths({ toString: 1, sso: { constructor: 1 }, 'x.y': { valueOf: 2 } })).toEqual([
      ['toString'],
      ['sso', 'constructor'],
      ['x.y', 'valueOf'],
    ]);
    expect(prototypeKeyPaths(JSON.parse('{"list":[{"__proto__":{}}]}'))).toEqual([['list', '0', '__proto__']]);
  });

  it('walks a body nested far deeper than any of ours without exhausting the stack', () => {
    const deep = JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`) as unknown;
    expect(prototypeKeyPaths({ a: deep, toString: 1 })).toEqual([['toString']]);
  });
});
