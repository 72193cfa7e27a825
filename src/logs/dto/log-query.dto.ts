import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { LOG_LEVELS } from './log.view.js';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

import { IsWholeNumber } from '../../common/validators.js';

export class LogQueryDto {
  @ApiPropertyOptional({ enum: LOG_LEVELS, enumName: 'LogLevel' })
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: 'level must be debug, info, warn or error' })
  level?: string;

  @ApiPropertyOptional({
    description: 'an event or a prefix of dotted events: login matches login.failed',
    example: 'login.failed',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  event?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'lines of one sync run' })
  @IsOptional()
  @IsUUID('all', { message: 'runId must be a run id (UUID)' })
  runId?: string;

  @ApiPropertyOptional({ description: 'text in the message or actor' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  q?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be a date, e.g. 2026-01-31T00:00:00Z' })
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be a date, e.g. 2026-01-31T23:59:59Z' })
  to?: Date;

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
}
