import { Module } from '@nestjs/common';

import { MetricsController } from './metrics.controller.js';
import { MetricsRepository } from './metrics.repository.js';
import { MetricsService } from './metrics.service.js';
import { MetricsAccessGuard } from './metrics-access.guard.js';

/**
 * GET /api/metrics. prom-client directly rather than @willsoto/nestjs-prometheus: the module's
 * value is its controller and injection tokens, and here the controller needs our own access
 * rule while the instruments are used from plain classes (the LDAP client) without injection.
 */
@Module({ controllers: [MetricsController], providers: [MetricsAccessGuard, MetricsRepository, MetricsService] })
export class MetricsModule {}
