import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class LogQueryDto {
  @IsOptional() @IsIn(['debug', 'info', 'warn', 'error'], { message: 'level must be debug, info, warn or error' })
  level?: string;

  @IsOptional() @IsString() @MaxLength(64)
  event?: string;

  @IsOptional() @IsUUID('all', { message: 'runId must be a run id (UUID)' })
  runId?: string;

  @IsOptional() @IsString() @MaxLength(255)
  q?: string;

  @IsOptional() @Type(() => Date) @IsDate({ message: 'from must be a date, e.g. 2026-01-31T00:00:00Z' })
  from?: Date;

  @IsOptional() @Type(() => Date) @IsDate({ message: 'to must be a date, e.g. 2026-01-31T23:59:59Z' })
  to?: Date;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  page?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  pageSize?: number;
}
