import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { ApiExtraModels, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';

import { NoSso } from '../auth/sso/no-sso.decorator.js';
import { Public } from '../common/decorators.js';
import { DatabaseHealthIndicator } from './database.health.js';
import { DirectoryHealthIndicator } from './directory.health.js';
import { HealthRepository } from './health.repository.js';
import { HealthView, ReadinessCheckView, ReadinessView } from './health.view.js';

/** Public, and never an SSO sign-in: a probe's answer must not depend on a proxy's user header. */
@ApiTags('health')
@NoSso()
@ApiExtraModels(ReadinessCheckView)
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly directory: DirectoryHealthIndicator,
    private readonly health: HealthRepository,
  ) {}

  /** Liveness: the process answers and reaches its database. */
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

  /** Readiness for a load balancer: the database, and when LDAP is on, the directory. */
  @Public()
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ type: ReadinessView })
  @ApiServiceUnavailableResponse({ type: ReadinessView, description: 'the database or the directory does not answer' })
  ready(): Promise<ReadinessView> {
    return this.checks.check([() => this.database.check(), () => this.directory.check()]) as Promise<ReadinessView>;
  }
}
