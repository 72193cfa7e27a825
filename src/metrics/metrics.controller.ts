import { Controller, Get, Header, Res, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiErrorView } from '../common/api-error.view.js';
import { NoSso } from '../auth/sso/no-sso.decorator.js';
import { Public } from '../common/decorators.js';
import { MetricsAccessGuard } from './metrics-access.guard.js';
import { MetricsService } from './metrics.service.js';

@ApiTags('metrics')
@NoSso() // a scrape's answer must not depend on a proxy's user header
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text format; @Public because MetricsAccessGuard decides (admin session, token or address). */
  @Public()
  @UseGuards(MetricsAccessGuard)
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    description: 'the metrics, Prometheus text format 0.0.4',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiUnauthorizedResponse({ type: ApiErrorView, description: 'no admin session, token or allowed address' })
  @ApiForbiddenResponse({ type: ApiErrorView, description: 'signed in, but not as an admin' })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.type(this.metrics.contentType);
    return this.metrics.render();
  }
}
