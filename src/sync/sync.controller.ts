import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';

import { ApiBadRequestOrRefused, ApiErrorView, ValidationErrorView } from '../common/api-error.view.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import type { UserEntity } from '../users/entities/user.entity.js';
import { ImportDto, RunsQueryDto } from './dto/import.dto.js';
import { ImportStartedView, SyncAlreadyRunningView, SyncRunsPage, SyncRunView } from './dto/sync-run.view.js';
import { SyncService } from './sync.service.js';

@ApiTags('admin: ldap')
@ApiBadRequestResponse({ type: ValidationErrorView })
@Roles('admin')
@Controller('admin/ldap')
export class SyncController {
  constructor(private readonly sync: SyncService) {}

  @Post('import')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ImportStartedView, description: 'the run started; poll GET runs/{id}' })
  @ApiBadRequestOrRefused('a field is wrong (`fields`), or LDAP is off (code LDAP_NOT_ENABLED)')
  @ApiConflictResponse({
    type: SyncAlreadyRunningView,
    description: 'a run is already going (code SYNC_ALREADY_RUNNING): poll its runId instead',
  })
  async start(@Body() dto: ImportDto, @CurrentUser() user: UserEntity): Promise<ImportStartedView> {
    return { runId: (await this.sync.start({ trigger: 'api', ...dto, actor: user.email })).runId };
  }

  @Get('runs')
  @ApiOkResponse({ type: SyncRunsPage })
  list(@Query() query: RunsQueryDto): Promise<SyncRunsPage> {
    return this.sync.list(query.page ?? 1, query.pageSize ?? 20);
  }

  @Get('runs/:id')
  @ApiOkResponse({ type: SyncRunView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<SyncRunView> {
    return this.sync.get(id);
  }
}
