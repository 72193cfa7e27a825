import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { DateTime, NullableString } from '../../../common/api-property.js';

/** One of the "DNs and Filters". */
export class SearchScopeView {
  @ApiProperty({ example: 'ou=people,dc=example,dc=com' }) dn: string;
  @ApiProperty({ example: '(objectClass=inetOrgPerson)' }) filter: string;
}

/** Which directory attribute fills which profile field. */
export class AttributeMapView {
  @ApiProperty({ example: 'mail' }) email: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'givenName' }) firstName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'sn' }) lastName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'title' }) jobTitle?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'telephoneNumber' }) phone?: string | null;
}

/** Scheduled sync and deprovisioning. */
export class SyncSettingsView {
  @ApiProperty() enabled: boolean;
  @ApiProperty({ example: '0 * * * *', description: 'cron expression, 5 or 6 fields' }) schedule: string;
  @ApiProperty({ enum: ['disable', 'none'], enumName: 'Deprovision' }) deprovision: 'disable' | 'none';
  @ApiProperty() maxDisablePercent: number;
  @ApiProperty() fullSyncEveryHours: number;
  @ApiProperty() logRetentionDays: number;
  @ApiProperty({
    type: [String],
    format: 'date-time',
    description: 'the next three scheduled runs (ISO 8601, server time zone); [] when scheduled sync is off',
  })
  nextRuns: string[];
}

/** Header single sign-on behind a trusted proxy; `secret` is write-only ("********" when set). */
export class SsoSettingsView {
  @ApiProperty() enabled: boolean;
  @ApiProperty({ example: 'x-remote-user' }) header: string;
  @ApiProperty({ type: [String], example: ['127.0.0.1/32'] }) trustedProxies: string[];
  @NullableString() secretHeader: string | null;
  @ApiProperty() autoCreate: boolean;
  @ApiProperty() stripDomain: boolean;
  @NullableString() logoutUrl: string | null;
  @NullableString({ description: '"********" when a secret is stored, else null' }) secret: string | null;
}

/** One further directory server. */
export class LdapServerView {
  @ApiProperty({ example: 'dc2.example.com' }) host: string;
  @ApiProperty() port: number;
}

/** The directory settings as GET shows them: secrets masked. */
export class LdapSettingsView {
  @ApiProperty() enabled: boolean;
  @ApiProperty({ example: 'ldap.example.com' }) host: string;
  @ApiProperty() port: number;
  @ApiProperty({ type: [LdapServerView], description: 'tried in this order after host when the ones before are down' })
  backupServers: LdapServerView[];
  @NullableString({ description: 'servers discovered from the DNS SRV records _ldap._tcp.<srvDomain>; null: off' })
  srvDomain: string | null;
  @ApiProperty({ enum: ['none', 'ssl', 'starttls'], enumName: 'Encryption' }) encryption: 'none' | 'ssl' | 'starttls';
  @NullableString() caCertificate: string | null;
  @ApiProperty() verifyCertificate: boolean;
  @ApiProperty() timeoutMs: number;
  @ApiProperty() bindDn: string;
  @NullableString() bindUsername: string | null;
  @NullableString({ description: '"********" when a password is stored, else null' }) bindPassword: string | null;
  @ApiProperty({ type: [String] }) loginAttributes: string[];
  @ApiProperty({ type: [SearchScopeView] }) searchScopes: SearchScopeView[];
  @ApiProperty() allowBindDnScopeLogin: boolean;
  @ApiProperty({ type: AttributeMapView }) attributeMap: AttributeMapView;
  @NullableString({
    description: 'stable id attribute; null: the first of objectGUID, entryUUID, ipaUniqueID, nsUniqueId',
  })
  uidAttribute: string | null;
  @ApiProperty() fallbackToLocal: boolean;
  @ApiProperty() pageSize: number;
  @ApiProperty() sampleSize: number;
  @ApiProperty({ type: SyncSettingsView }) sync: SyncSettingsView;
  @ApiProperty({ type: SsoSettingsView }) sso: SsoSettingsView;
  @ApiProperty({ description: 'increases with every save; a save against an older version is refused (409)' })
  version: number;
  @DateTime({ nullable: true }) updatedAt: Date | null;
  @NullableString() updatedBy: string | null;
}

/** A save's answer: the settings as stored, and what was understood (e.g. a URL in host). */
export class LdapSettingsSavedView {
  @ApiProperty({ type: LdapSettingsView }) settings: LdapSettingsView;
  @ApiProperty({ type: [String] }) notes: string[];
}
