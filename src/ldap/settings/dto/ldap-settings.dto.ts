import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { IsCronSchedule, IsDn, IsLdapFilter, IsPemCertificates } from '../../../common/validators.js';
import { FLAVOUR_INPUT_NAMES } from '../../flavours/index.js';

const ATTRIBUTE = /^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)+)(;[A-Za-z0-9-]+)*$/;
const ATTRIBUTE_MESSAGE = (field: string) => `${field} must be an attribute name such as mail or givenName`;
const nullable = (_o: unknown, v: unknown) => v !== null;

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
  @IsString()
  @MaxLength(300)
  host: string;

  @ApiPropertyOptional({ description: 'default: the port for the encryption (389, or 636 for ssl)' })
  @IsOptional()
  @IsInt({ message: 'port must be a whole number from 1 to 65535' })
  @Min(1, { message: 'port must be a whole number from 1 to 65535' })
  @Max(65535, { message: 'port must be a whole number from 1 to 65535' })
  port?: number;
}

export class AttributeMapDto {
  @ApiProperty({ example: 'mail' })
  @IsString()
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
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: '0 * * * *' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsCronSchedule()
  schedule?: string;

  @ApiPropertyOptional({ enum: ['disable', 'none'], enumName: 'Deprovision' })
  @IsOptional()
  @IsIn(['disable', 'none'], { message: 'deprovision must be disable or none' })
  deprovision?: 'disable' | 'none';

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  maxDisablePercent?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  fullSyncEveryHours?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  logRetentionDays?: number;
}

export class SsoSettingsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'x-remote-user' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'header must be a header name such as x-remote-user' })
  header?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
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
  @IsOptional()
  @IsBoolean()
  autoCreate?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
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
  @IsOptional()
  @IsInt({ message: 'version must be a whole number' })
  @Min(0, { message: 'version must be a whole number' })
  version?: number;

  @ApiPropertyOptional({
    enum: FLAVOUR_INPUT_NAMES,
    enumName: 'Preset',
    description: 'a directory type whose defaults to fill in; freeipa is the old name of 389-ds and still accepted',
  })
  @IsOptional()
  @IsIn(FLAVOUR_INPUT_NAMES, { message: `preset must be one of ${FLAVOUR_INPUT_NAMES.join(', ')}` })
  preset?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'ldap.example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  host?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'port must be a whole number from 1 to 65535' })
  @Min(1, { message: 'port must be a whole number from 1 to 65535' })
  @Max(65535, { message: 'port must be a whole number from 1 to 65535' })
  port?: number;

  @ApiPropertyOptional({
    type: [LdapServerDto],
    description:
      'further servers, tried in this order when the ones before are down; they share encryption and bind account',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
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
  @IsOptional()
  @IsIn(['none', 'ssl', 'starttls'], { message: 'encryption must be none, ssl or starttls' })
  encryption?: 'none' | 'ssl' | 'starttls';

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @MaxLength(65536)
  @IsPemCertificates()
  caCertificate?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  verifyCertificate?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(500, { message: 'timeoutMs must be from 500 to 60000' })
  @Max(60000, { message: 'timeoutMs must be from 500 to 60000' })
  timeoutMs?: number;

  @ApiPropertyOptional({ example: 'dc=example,dc=com' })
  @IsOptional()
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
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'loginAttributes must name at least one attribute' })
  @ArrayMaxSize(10)
  @Matches(ATTRIBUTE, { each: true, message: 'each of loginAttributes must be an attribute name such as uid or mail' })
  loginAttributes?: string[];

  @ApiPropertyOptional({ type: [SearchScopeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SearchScopeDto)
  searchScopes?: SearchScopeDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  allowBindDnScopeLogin?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateNested()
  @Type(() => AttributeMapDto)
  attributeMap?: AttributeMapDto;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @Matches(ATTRIBUTE, { message: ATTRIBUTE_MESSAGE('uidAttribute') })
  uidAttribute?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  fallbackToLocal?: boolean;

  @ApiPropertyOptional({
    description:
      'true saves settings under which no active admin could sign in (else refused with 400, fields.confirmLockout); never stored',
  })
  @IsOptional()
  @IsBoolean()
  confirmLockout?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(5000)
  pageSize?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  sampleSize?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateNested()
  @Type(() => SyncSettingsDto)
  sync?: SyncSettingsDto;

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateNested()
  @Type(() => SsoSettingsDto)
  sso?: SsoSettingsDto;
}
