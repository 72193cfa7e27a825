import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsInt, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

import { IsLdapFilter } from '../../common/validators.js';
import { MailboxEntity } from '../entities/mailbox.entity.js';

export class CreateMailboxDto {
  @ApiProperty({ example: 'Support' }) @IsString() @MinLength(1) @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ example: 'support@example.com' }) @IsOptional() @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ example: '(memberOf=cn=support,ou=groups,dc=example,dc=com)', nullable: true })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @MaxLength(4096) @IsLdapFilter()
  ldapFilter?: string | null;
}

export class UpdateMailboxDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_o, v) => v !== null) @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @MaxLength(4096) @IsLdapFilter()
  ldapFilter?: string | null;
}

export class AddMemberDto {
  @ApiProperty() @IsInt()
  userId: number;
}

export interface MailboxView {
  id: number;
  name: string;
  email: string | null;
  ldapFilter: string | null;
}

export function toMailboxView(m: MailboxEntity): MailboxView {
  return { id: m.id, name: m.name, email: m.email, ldapFilter: m.ldapFilter };
}
