import { ApiProperty } from '@nestjs/swagger';

import { DateTime, NullableString } from '../../common/api-property.js';
import type { UserEntity } from '../entities/user.entity.js';

export const USER_ROLES = ['admin', 'agent'] as const;
export const USER_STATUSES = ['active', 'disabled'] as const;
export const AUTH_SOURCES = ['local', 'ldap', 'sso'] as const;
export const DISABLED_BY = ['directory', 'sync', 'admin'] as const;
/** Profile fields a directory can provide (attributeMap keys). */
export const PROFILE_FIELDS = ['email', 'firstName', 'lastName', 'jobTitle', 'phone'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** What the API shows of a user: never the password hash. */
export class UserView {
  @ApiProperty() id: number;
  @ApiProperty() email: string;
  @NullableString() firstName: string | null;
  @NullableString() lastName: string | null;
  @NullableString() jobTitle: string | null;
  @NullableString() phone: string | null;
  @ApiProperty({ enum: USER_ROLES, enumName: 'UserRole' }) role: (typeof USER_ROLES)[number];
  @ApiProperty({ enum: USER_STATUSES, enumName: 'UserStatus' }) status: (typeof USER_STATUSES)[number];
  @ApiProperty({ enum: AUTH_SOURCES, enumName: 'AuthSource' }) authSource: (typeof AUTH_SOURCES)[number];
  @NullableString({ description: 'the directory entry the user comes from' }) ldapDn: string | null;
  @ApiProperty({
    enum: DISABLED_BY,
    enumName: 'DisabledBy',
    nullable: true,
    description:
      'why the user is disabled: directory (the directory account is disabled, expired or locked by its administrator), ' +
      'sync (an import no longer found the entry), admin (a help desk admin); null while active',
  })
  disabledBy: (typeof DISABLED_BY)[number] | null;
  @DateTime({ nullable: true }) lastLoginAt: Date | null;
  @DateTime({ nullable: true }) syncedAt: Date | null;
  @DateTime() createdAt: Date;
}

/** One page of users. */
export class UsersPage {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

/** The signed-in user, with what the console needs to show their profile. */
export class MeView extends UserView {
  @ApiProperty({
    enum: PROFILE_FIELDS,
    enumName: 'ProfileField',
    isArray: true,
    description: 'fields that come from the directory: read-only here',
  })
  directoryFields: ProfileField[];

  @NullableString({
    description: 'where the browser goes after sign-out when SSO is on and the proxy has a logout page',
  })
  ssoLogoutUrl: string | null;
}

/** The user as the API shows it. A disabled user without a reason (none is stored today) shows as the admin's. */
export function toUserView(u: UserEntity): UserView {
  return {
    id: u.id,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    jobTitle: u.jobTitle,
    phone: u.phone,
    role: u.role,
    status: u.status,
    authSource: u.authSource,
    ldapDn: u.ldapDn,
    disabledBy: u.status === 'active' ? null : (u.disabledBy ?? 'admin'),
    lastLoginAt: u.lastLoginAt,
    syncedAt: u.syncedAt,
    createdAt: u.createdAt,
  };
}
