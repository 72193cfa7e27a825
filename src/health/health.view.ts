import { ApiProperty } from '@nestjs/swagger';

/** The health check's answer. */
export class HealthView {
  @ApiProperty({ enum: ['ok', 'error'], enumName: 'HealthStatus' }) status: 'ok' | 'error';
  @ApiProperty({ enum: ['ok', 'unreachable'], enumName: 'DatabaseHealth' }) database: 'ok' | 'unreachable';
}
