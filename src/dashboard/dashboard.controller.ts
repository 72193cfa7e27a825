import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { Roles } from '../common/decorators.js';
import { DashboardService } from './dashboard.service.js';
import { DashboardView } from './dashboard.views.js';

@ApiTags('admin: dashboard')
@Roles('admin')
@Controller('admin/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOkResponse({ type: DashboardView })
  get(): Promise<DashboardView> {
    return this.dashboard.view();
  }
}
