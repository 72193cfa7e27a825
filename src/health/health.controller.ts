import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';

import { Public } from '../common/decorators.js';
import { HealthRepository } from './health.repository.js';
import { HealthView } from './health.view.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthRepository) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: HealthView, description: 'the database is unreachable' })
  async check(): Promise<HealthView> {
    try {
      await this.health.ping();
    } catch {
      throw new ServiceUnavailableException({ status: 'error', database: 'unreachable' });
    }
    return { status: 'ok', database: 'ok' };
  }
}
