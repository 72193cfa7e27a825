import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional } from 'class-validator';

import { IsAbsentOrNotNull, IsTrueOrFalse, IsWholeNumber } from '../../common/validators.js';

export class ImportDto {
  @ApiPropertyOptional({ description: 'compute the plan, change nothing' })
  @IsAbsentOrNotNull('for false')
  @IsTrueOrFalse()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'a full pass even when a delta would do' })
  @IsAbsentOrNotNull('for false')
  @IsTrueOrFalse()
  full?: boolean;

  @ApiPropertyOptional({ description: 'disable users even above maxDisablePercent' })
  @IsAbsentOrNotNull('for false')
  @IsTrueOrFalse()
  force?: boolean;
}

export class RunsQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsWholeNumber(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsWholeNumber(1, 100)
  pageSize?: number;
}
