import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import {
  IsAbsentOrNotNull,
  IsCronSchedule,
  IsDn,
  IsLdapFilter,
  IsPemCertificates,
  IsTrueOrFalse,
  IsWholeNumber,
} from '../../../common/validators.js';
import { FLAVOUR_INPUT_NAMES } from '../../flavours/index.js';

const ATTRIBUTE = /^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)+)(;[A-Za-z0-9-]+)*$/;
const ATTRIBUTE_MESSAGE = (field: string) => `${field} must be an attribute name such as mail or givenName`;
const nullable = (_o: unknown, v: unknown) => v !== null;
const BACKUP_SERVERS_TYPE = 'backupServers must be a list of {host, port}';
const SEARCH_SCOPES_TYPE = 'searchScopes must be a list of {dn, filter}';

export class SearchScopeDto {
  @ApiProperty({ example: 'ou=people,dc=example,dc=com' })
  @IsDn()
  @MaxLength(1000)
  dn: string;

  @ApiProperty({ example: '(objectClass=inetOrgPerson)' })
  @IsLdapFilter()
  @MaxLength(4096)
  filter: string;
}

export class LdapServerDto {
  @ApiProperty({ example: 'dc2.example.com' })
  @IsDefined({ message: 'host is required' })
  @IsString()
  @MaxLength(300)
  host: string;

  @ApiPropertyOptional({ description: 'default: the port for the encryption (389, or 636 for ssl)' })
  @IsAbsentOrNotNull()
  @IsWholeNumber(1, 65535)
  port?: number;
}

export class AttributeMapDto {
  @ApiProperty({ example: 'mail' })
  @Matches(ATTRIBUTE, { message: ATTRIBUTE_MESSAGE('email') })
  email: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @Matches(ATTRIBUTE, { message: ATTRIBUTE_MESSAGE('firstName') })
  firstName?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @Matches(ATTRIBUTE, { message: ATTRIBUTE_MESSAGE('lastName') })
  lastName?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @Matches(ATTRIBUTE, { message: ATTRIBUTE_MESSAGE('jobTitle') })
  jobTitle?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @Matches(ATTRIBUTE, { message: ATTRIBUTE_MESSAGE('phone') })
  phone?: string;
}

export class SyncSettingsDto {
  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsTrueOrFalse()
  enabled?: boolean;

  @ApiPropertyOptional({ example: '0 * * * *' })
  @IsAbsentOrNotNull()
  @IsString()
  @MaxLength(200)
  @IsCronSchedule()
  schedule?: string;

  @ApiPropertyOptional({ enum: ['disable', 'none'], enumName: 'Deprovision' })
  @IsAbsentOrNotNull()
  @IsIn(['disable', 'none'], { message: 'deprovision must be disable or none' })
  deprovision?: 'disable' | 'none';

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsWholeNumber(0, 100)
  maxDisablePercent?: number;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsWholeNumber(1, 24 * 30)
  fullSyncEveryHours?: number;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsWholeNumber(1, 3650)
  logRetentionDays?: number;
}

export class SsoSettingsDto {
  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsTrueOrFalse()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'x-remote-user' })
  @IsAbsentOrNotNull()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'header must be a header name such as x-remote-user' })
  header?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsAbsentOrNotNull()
  @IsArray({ message: 'trustedProxies must be a list of addresses or CIDR ranges such as ["127.0.0.1/32"]' })
  @ArrayMaxSize(64, { message: 'trustedProxies takes at most 64 entries' })
  @IsString({ each: true, message: 'each of trustedProxies must be an address or CIDR range such as 127.0.0.1/32' })
  trustedProxies?: string[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'secretHeader must be a header name' })
  secretHeader?: string | null;

  /** Write-only, like the bind password. */
  @ApiPropertyOptional({ type: String, nullable: true, description: 'write-only; "********" keeps the stored one' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MinLength(16, { message: 'secret must be at least 16 characters' })
  @MaxLength(1024)
  secret?: string | null;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsTrueOrFalse()
  autoCreate?: boolean;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsTrueOrFalse()
  stripDomain?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(2048)
  @Matches(/^(https?:\/\/|\/)\S*$/, { message: 'logoutUrl must be an http(s) URL or a path' })
  logoutUrl?: string | null;
}

/** PUT body: every field optional; what is absent keeps its stored value. */
export class LdapSettingsDto {
  @ApiPropertyOptional({
    description:
      'the settings version this edit started from (GET answers it); a save over a newer one is refused with 409',
  })
  @IsAbsentOrNotNull()
  @IsWholeNumber(0)
  version?: number;

  @ApiPropertyOptional({
    enum: FLAVOUR_INPUT_NAMES,
    enumName: 'Preset',
    description: 'a directory type whose defaults to fill in; freeipa is the old name of 389-ds and still accepted',
  })
  @IsAbsentOrNotNull()
  @IsIn(FLAVOUR_INPUT_NAMES, { message: `preset must be one of ${FLAVOUR_INPUT_NAMES.join(', ')}` })
  preset?: string;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsTrueOrFalse()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'ldap.example.com' })
  @IsAbsentOrNotNull()
  @IsString()
  @MaxLength(300)
  host?: string;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsWholeNumber(1, 65535)
  port?: number;

  @ApiPropertyOptional({
    type: [LdapServerDto],
    description:
      'further servers, tried in this order when the ones before are down; they share encryption and bind account',
  })
  @IsAbsentOrNotNull()
  @IsArray({ message: BACKUP_SERVERS_TYPE })
  @ArrayMaxSize(10, { message: 'backupServers takes at most 10 servers' })
  @ValidateNested({ each: true, message: BACKUP_SERVERS_TYPE })
  @Type(() => LdapServerDto)
  backupServers?: LdapServerDto[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'example.com',
    description: 'discover the servers from the DNS SRV records _ldap._tcp.<srvDomain> (RFC 2782); null: off',
  })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(253)
  @Matches(
    /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/,
    {
      message: 'srvDomain must be a DNS domain such as example.com',
    },
  )
  srvDomain?: string | null;

  @ApiPropertyOptional({ enum: ['none', 'ssl', 'starttls'], enumName: 'Encryption' })
  @IsAbsentOrNotNull()
  @IsIn(['none', 'ssl', 'starttls'], { message: 'encryption must be none, ssl or starttls' })
  encryption?: 'none' | 'ssl' | 'starttls';

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'PEM; null, empty or blank: the system trust store',
  })
  // Empty means the system trust store, as the console's help says and as null does.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? null : value))
  @IsOptional()
  @ValidateIf(nullable)
  @MaxLength(65536)
  @IsPemCertificates()
  caCertificate?: string | null;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsTrueOrFalse()
  verifyCertificate?: boolean;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsWholeNumber(500, 60000)
  timeoutMs?: number;

  @ApiPropertyOptional({ example: 'dc=example,dc=com' })
  @IsAbsentOrNotNull()
  @IsDn({ allowEmpty: true })
  @MaxLength(1000)
  bindDn?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(512)
  bindUsername?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'write-only; "********" keeps the stored one, null clears it',
  })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(1024)
  bindPassword?: string | null;

  @ApiPropertyOptional({ example: ['uid', 'mail'] })
  @IsAbsentOrNotNull()
  @IsArray({ message: 'loginAttributes must be a list of attribute names such as ["uid", "mail"]' })
  @ArrayMinSize(1, { message: 'loginAttributes must name at least one attribute' })
  @ArrayMaxSize(10, { message: 'loginAttributes takes at most 10 attributes' })
  @Matches(ATTRIBUTE, { each: true, message: 'each of loginAttributes must be an attribute name such as uid or mail' })
  loginAttributes?: string[];

  @ApiPropertyOptional({ type: [SearchScopeDto] })
  @IsAbsentOrNotNull()
  @IsArray({ message: SEARCH_SCOPES_TYPE })
  @ArrayMaxSize(50, { message: 'searchScopes takes at most 50 scopes' })
  @ValidateNested({ each: true, message: SEARCH_SCOPES_TYPE })
  @Type(() => SearchScopeDto)
  searchScopes?: SearchScopeDto[];

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsTrueOrFalse()
  allowBindDnScopeLogin?: boolean;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsObject({ message: 'attributeMap must be an object such as {"email": "mail", "firstName": "givenName"}' })
  @ValidateNested({ message: 'attributeMap must be an object such as {"email": "mail", "firstName": "givenName"}' })
  @Type(() => AttributeMapDto)
  attributeMap?: AttributeMapDto;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @Matches(ATTRIBUTE, { message: ATTRIBUTE_MESSAGE('uidAttribute') })
  uidAttribute?: string | null;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsTrueOrFalse()
  fallbackToLocal?: boolean;

  @ApiPropertyOptional({
    description:
      'true saves settings under which no active admin could sign in (else refused with 400, fields.confirmLockout); never stored',
  })
  @IsAbsentOrNotNull()
  @IsTrueOrFalse()
  confirmLockout?: boolean;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsWholeNumber(10, 5000)
  pageSize?: number;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsWholeNumber(1, 1000)
  sampleSize?: number;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsObject({ message: 'sync must be an object such as {"enabled": true, "schedule": "0 * * * *"}' })
  @ValidateNested({ message: 'sync must be an object such as {"enabled": true, "schedule": "0 * * * *"}' })
  @Type(() => SyncSettingsDto)
  sync?: SyncSettingsDto;

  @ApiPropertyOptional()
  @IsAbsentOrNotNull()
  @IsObject({ message: 'sso must be an object such as {"enabled": true, "header": "x-remote-user"}' })
  @ValidateNested({ message: 'sso must be an object such as {"enabled": true, "header": "x-remote-user"}' })
  @Type(() => SsoSettingsDto)
  sso?: SsoSettingsDto;
}
