import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

import { UserEntity } from '../entities/user.entity.js';

const ROLES = ['admin', 'agent'] as const;
const STATUSES = ['active', 'disabled'] as const;

export class CreateUserDto {
  @ApiProperty() @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(320)
  email: string;

  @ApiProperty() @IsString() @MinLength(12, { message: 'password must be at least 12 characters' }) @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES, { message: 'role must be admin or agent' })
  role?: (typeof ROLES)[number];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255)
  firstName?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255)
  lastName?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES, { message: 'role must be admin or agent' })
  role?: (typeof ROLES)[number];

  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES, { message: 'status must be active or disabled' })
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255)
  firstName?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255)
  lastName?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255)
  jobTitle?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) @Matches(/^[\d\s+().\-/x]*$/, { message: 'phone may hold digits, spaces and + ( ) . - / x' })
  phone?: string;
}

export class SetPasswordDto {
  @ApiProperty() @IsString() @MinLength(12, { message: 'password must be at least 12 characters' }) @MaxLength(1024)
  password: string;
}

export class ListUsersQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  page?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  pageSize?: number;

  @IsOptional() @IsString() @MaxLength(255)
  q?: string;
}

/** What the API shows of a user: never the password hash. */
export interface UserView {
  id: number;
  email: string;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  phone: string | null;
  role: string;
  status: string;
  authSource: string;
  ldapDn: string | null;
  lastLoginAt: Date | null;
  syncedAt: Date | null;
  createdAt: Date;
}

export function toUserView(u: UserEntity): UserView {
  return {
    id: u.id, email: u.email, firstName: u.firstName, lastName: u.lastName, jobTitle: u.jobTitle, phone: u.phone,
    role: u.role, status: u.status, authSource: u.authSource, ldapDn: u.ldapDn,
    lastLoginAt: u.lastLoginAt, syncedAt: u.syncedAt, createdAt: u.createdAt,
  };
}
