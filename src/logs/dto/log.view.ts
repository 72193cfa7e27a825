import { ApiProperty } from '@nestjs/swagger';

import { DateTime, NullableString } from '../../common/api-property.js';
import type { LdapLogEntity, LogLevel } from '../entities/ldap-log.entity.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** One line of the LDAP log. */
export class LogLineView {
  @ApiProperty() id: number;
  @DateTime() createdAt: Date;
  @ApiProperty({ enum: LOG_LEVELS, enumName: 'LogLevel' }) level: LogLevel;
  @ApiProperty({ example: 'login.failed', description: 'dotted event name' }) event: string;
  @ApiProperty() message: string;
  @NullableString({ format: 'uuid' }) runId: string | null;
  @NullableString() actor: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'event-specific: field names, DNs, codes, counters; never a secret',
  })
  details: Record<string, unknown> | null;
}

/** One page of the LDAP log, newest first. */
export class LogPageView {
  @ApiProperty({ type: [LogLineView] }) items: LogLineView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

/** A stored line as the API shows it: details parsed. */
export function toLogLineView(line: LdapLogEntity): LogLineView {
  return { ...line, details: line.details ? (JSON.parse(line.details) as Record<string, unknown>) : null };
}
