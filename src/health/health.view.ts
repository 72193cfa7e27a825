import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The health check's answer. */
export class HealthView {
  @ApiProperty({ enum: ['ok', 'error'], enumName: 'HealthStatus' }) status: 'ok' | 'error';
  @ApiProperty({ enum: ['ok', 'unreachable'], enumName: 'DatabaseHealth' }) database: 'ok' | 'unreachable';
}

/** One dependency's state in the readiness answer. */
export class ReadinessCheckView {
  @ApiProperty({ enum: ['up', 'down'], enumName: 'ReadinessCheckStatus' }) status: 'up' | 'down';
  @ApiPropertyOptional({ description: 'directory only: whether LDAP is switched on' }) enabled?: boolean;
  @ApiPropertyOptional({
    description:
      'why it is down: "unreachable" for the database, an LDAP error code (UNREACHABLE, TIMEOUT, TLS, INVALID_CREDENTIALS...) for the directory',
  })
  reason?: string;
}

/** The readiness check's answer (the @nestjs/terminus shape): 200 when every check is up, else 503. */
export class ReadinessView {
  @ApiProperty({ enum: ['ok', 'error'], enumName: 'ReadinessStatus' }) status: 'ok' | 'error';
  @ApiProperty({
    description: 'the checks that are up',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ReadinessCheckView' },
  })
  info: Record<string, ReadinessCheckView>;
  @ApiProperty({
    description: 'the checks that are down',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ReadinessCheckView' },
  })
  error: Record<string, ReadinessCheckView>;
  @ApiProperty({
    description: 'every check: database, directory',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ReadinessCheckView' },
  })
  details: Record<string, ReadinessCheckView>;
}
