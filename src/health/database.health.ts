import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

import { HealthRepository } from './health.repository.js';

/** Readiness of the database: one `SELECT 1`. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly health: HealthRepository,
  ) {}

  async check(key = 'database') {
    const indicator = this.indicators.check(key);
    try {
      await this.health.ping();
      return indicator.up();
    } catch {
      return indicator.down({ reason: 'unreachable' });
    }
  }
}
