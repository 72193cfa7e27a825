import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';
import { CliCommand, CliError } from './cli-command.js';

const disable: CliCommand = {
  name: 'ldap:disable',
  summary: 'turn LDAP sign-in off: everyone signs in with their local password',
  async run(app, { actor, print }) {
    const changed = await app.get(LdapSettingsService).setEnabled(false, actor);
    print(
      changed
        ? 'LDAP sign-in is now off: every user signs in with their local password (no restart needed).'
        : 'LDAP sign-in was already off: nothing changed.',
    );
  },
};

const enable: CliCommand = {
  name: 'ldap:enable',
  summary: 'turn LDAP sign-in back on with the stored settings',
  async run(app, { actor, print }) {
    const settings = app.get(LdapSettingsService);
    const current = await settings.get();
    if (!current.host || current.searchScopes.length === 0) {
      throw new CliError(
        'LDAP is not configured (no host or no search scope): set it up first with PUT /api/admin/ldap/settings',
      );
    }
    const changed = await settings.setEnabled(true, actor);
    print(
      changed
        ? `LDAP sign-in is now on (${current.host}:${current.port}, local fallback ${current.fallbackToLocal ? 'on' : 'off'}); check it with POST /api/admin/ldap/test.`
        : 'LDAP sign-in was already on: nothing changed.',
    );
  },
};

export const LDAP_COMMANDS: readonly CliCommand[] = [disable, enable];
