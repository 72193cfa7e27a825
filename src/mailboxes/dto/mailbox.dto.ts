import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';

import { NullableString } from '../../common/api-property.js';
import { IsAbsentOrNotNull, IsLdapFilter, IsRequired, IsVisibleName, IsWholeNumber } from '../../common/validators.js';
import { AUTH_SOURCES, USER_STATUSES } from '../../users/dto/user.view.js';
import { MailboxEntity } from '../entities/mailbox.entity.js';

/** POST body: email and ldapFilter may be left out or null (none). */
export class CreateMailboxDto {
  @ApiProperty({ example: 'Support' })
  @IsRequired()
  @IsString()
  @IsVisibleName()
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ type: String, example: 'support@example.com', nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ type: String, example: '(memberOf=cn=support,ou=groups,dc=example,dc=com)', nullable: true })
  @IsOptional()
  @MaxLength(4096)
  @IsLdapFilter()
  ldapFilter?: string | null;
}

export class UpdateMailboxDto {
  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsString()
  @IsVisibleName()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @MaxLength(4096)
  @IsLdapFilter()
  ldapFilter?: string | null;
}

export class AddMemberDto {
  @ApiProperty()
  @IsRequired()
  @IsWholeNumber(1)
  userId: number;
}

/** A mailbox as the API shows it. */
export class MailboxView {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @NullableString() email: string | null;
  @NullableString({
    description: 'RFC 4515 filter: directory users it matches (within the search scopes) become members',
  })
  ldapFilter: string | null;
}

/** A mailbox just created or changed, and what was done to the input (such as a filter converted). */
export class MailboxSavedView extends MailboxView {
  @ApiProperty({
    type: [String],
    description: 'what was changed in the input, in plain words',
    example: [
      'ldapFilter: the DN escapes in (memberOf=CN=Support\\, EU,DC=example,DC=com) were written in RFC 4515 form',
    ],
  })
  notes: string[];
}

/** The mailbox as the API shows it. */
export function toMailboxView(m: MailboxEntity): MailboxView {
  return { id: m.id, name: m.name, email: m.email, ldapFilter: m.ldapFilter };
}

/** A member of a mailbox. */
export class MemberView {
  @ApiProperty() userId: number;
  @ApiProperty() email: string;
  @NullableString() firstName: string | null;
  @NullableString() lastName: string | null;
  @ApiProperty({ enum: USER_STATUSES, enumName: 'UserStatus' }) status: (typeof USER_STATUSES)[number];
  @ApiProperty({ enum: AUTH_SOURCES, enumName: 'AuthSource' }) authSource: (typeof AUTH_SOURCES)[number];
}

/** Members in two groups: assigned by the directory (the mailbox filter), and added by hand. */
export class MailboxMembersView {
  @ApiProperty({ type: [MemberView] }) directory: MemberView[];
  @ApiProperty({ type: [MemberView] }) manual: MemberView[];
}

/** Which directory users a mailbox filter would match. */
export class MailboxPreviewDto {
  @ApiProperty({ example: '(memberOf=cn=support,ou=groups,dc=example,dc=com)' })
  @IsRequired()
  @IsString()
  @MaxLength(4096)
  @IsLdapFilter()
  ldapFilter: string;
}

/** A directory user a filter matches. */
export class PreviewUserView {
  @ApiProperty() dn: string;
  @NullableString() email: string | null;
  @NullableString() name: string | null;
}

/** What a mailbox filter matches in the search scopes, bounded in size and time. */
export class MailboxPreviewView {
  @ApiProperty({ description: 'users matched (up to the size limit)' }) count: number;
  @ApiProperty({ description: 'false when a limit stopped the count' }) countExact: boolean;
  @ApiProperty({ type: [PreviewUserView], description: 'the first 20, sorted by email then DN' })
  users: PreviewUserView[];
  @NullableString({
    description: 'which limit stopped the search, in plain words',
    example: 'more than 1,000 users match',
  })
  limitExceeded: string | null;
  @ApiProperty() elapsedMs: number;
  @ApiProperty({ type: [String], description: 'what was changed in the filter before the search, in plain words' })
  notes: string[];
}
