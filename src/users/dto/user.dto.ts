import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

import { IsAbsentOrNotNull, IsRequired, IsWholeNumber } from '../../common/validators.js';
import { AUTH_SOURCES, USER_STATUSES } from './user.view.js';

const ROLES = ['admin', 'agent'] as const;
const STATUSES = USER_STATUSES;

export class CreateUserDto {
  @ApiProperty()
  @IsRequired()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsRequired()
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'default: agent' })
  @IsAbsentOrNotNull('for agent')
  @IsIn(ROLES, { message: 'role must be admin or agent' })
  role?: (typeof ROLES)[number];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  firstName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  lastName?: string | null;
}

/** PATCH body: what is absent keeps its stored value; null clears a name, title or phone. */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsAbsentOrNotNull()
  @IsIn(ROLES, { message: 'role must be admin or agent' })
  role?: (typeof ROLES)[number];

  @ApiPropertyOptional({ enum: STATUSES })
  @IsAbsentOrNotNull()
  @IsIn(STATUSES, { message: 'status must be active or disabled' })
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  firstName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  lastName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  jobTitle?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[\d\s+().\-/x]*$/, { message: 'phone may hold digits, spaces and + ( ) . - / x' })
  phone?: string | null;
}

export class SetPasswordDto {
  @ApiProperty()
  @IsRequired()
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(1024)
  password: string;
}

/** The answer to setting a password: which sessions of the user ended. */
export class SetPasswordResult {
  @ApiProperty({
    enum: ['all', 'others'],
    description: "'others' when admins set their own password: the session that asked continues",
  })
  sessionsEnded: 'all' | 'others';

  @ApiProperty({ example: 'password set; your other sessions ended, this one continues' })
  message: string;
}

export class ListUsersQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsWholeNumber(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsWholeNumber(1, 500)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'part of the email, first or last name, or directory DN' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  q?: string;

  @ApiPropertyOptional({ enum: AUTH_SOURCES, enumName: 'AuthSource' })
  @IsOptional()
  @IsIn(AUTH_SOURCES, { message: 'source must be local, ldap or sso' })
  source?: (typeof AUTH_SOURCES)[number];

  @ApiPropertyOptional({ enum: USER_STATUSES, enumName: 'UserStatus' })
  @IsOptional()
  @IsIn(USER_STATUSES, { message: 'status must be active or disabled' })
  status?: (typeof USER_STATUSES)[number];
}

export { MeView, toUserView, UsersPage, UserView } from './user.view.js';
