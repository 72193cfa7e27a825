import type { INestApplicationContext } from '@nestjs/common';
import { isEmail } from 'class-validator';

import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { CliCommand, CliError, CliInput } from './cli-command.js';

const resetPassword: CliCommand = {
  name: 'admin:reset-password',
  args: ['<email>'],
  summary: 'give an existing admin a new random password (printed once) and end their sessions',
  async run(app, { args: [email], print }) {
    const user = await app.get(UsersRepository).getByEmail(email);
    if (!user) throw new CliError(`no user with the email ${email}; create one with admin:create`);
    if (user.role !== 'admin')
      throw new CliError(`${user.email} is an ${user.role}, not an admin: this command resets admin passwords only`);
    const password = app.get(PasswordHasher).randomPassword(18);
    await app.get(UsersService).setPassword(user.id, password);
    print(`New local password for ${user.email} (their sessions were ended):`);
    printPassword(print, password);
    if (user.status !== 'active')
      print(`note: ${user.email} is disabled and still cannot sign in; create another admin with admin:create.`);
    await noteIfLdapHidesLocalPasswords(app, print);
  },
};

const createAdmin: CliCommand = {
  name: 'admin:create',
  args: ['<email>'],
  summary: 'create a local admin with a random password (printed once)',
  async run(app, { args: [email], print }) {
    const address = email.trim().toLowerCase();
    if (!isEmail(address)) throw new CliError(`"${email}" is not an email address`);
    if (await app.get(UsersRepository).getByEmail(address)) {
      throw new CliError(`a user with the email ${address} already exists; use admin:reset-password for an admin`);
    }
    const password = app.get(PasswordHasher).randomPassword(18);
    const user = await app.get(UsersService).createLocal({ email: address, password, role: 'admin' });
    print(`Created the local admin ${user.email}:`);
    printPassword(print, password);
    await noteIfLdapHidesLocalPasswords(app, print);
  },
};

function printPassword(print: CliInput['print'], password: string): void {
  print(`    password: ${password}`);
  print('Shown once and stored only as a hash: sign in and change it.');
}

/** With LDAP on and no local fallback, a local password alone does not let anyone in. */
async function noteIfLdapHidesLocalPasswords(app: INestApplicationContext, print: CliInput['print']): Promise<void> {
  const settings = await app
    .get(LdapSettingsService)
    .get()
    .catch(() => null);
  if (settings?.enabled && !settings.fallbackToLocal) {
    print(
      'note: LDAP sign-in is on without local fallback, so this password works only after: npm run cli -- ldap:disable',
    );
  }
}

export const ADMIN_COMMANDS: readonly CliCommand[] = [resetPassword, createAdmin];
