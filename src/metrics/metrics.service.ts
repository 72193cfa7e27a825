import { Injectable } from '@nestjs/common';

import { metricsRegistry, usersGauge } from './instruments.js';
import { MetricsRepository } from './metrics.repository.js';

/** Renders the process's metrics in the Prometheus text format, with the users' counts read now. */
@Injectable()
export class MetricsService {
  constructor(private readonly repository: MetricsRepository) {}

  readonly contentType = metricsRegistry.contentType;

  async render(): Promise<string> {
    const counts = await this.repository.usersBySourceAndStatus();
    usersGauge.reset();
    for (const { source, status, count } of counts) usersGauge.set({ source, status }, count);
    return metricsRegistry.metrics();
  }
}
