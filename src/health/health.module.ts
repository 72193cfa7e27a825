import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { LdapModule } from '../ldap/ldap.module.js';
import { DatabaseHealthIndicator } from './database.health.js';
import { DirectoryHealthIndicator } from './directory.health.js';
import { HealthController } from './health.controller.js';
import { HealthRepository } from './health.repository.js';

// logger: false - a failed readiness check is answered with 503 and its reasons; logging each
// probe of a load balancer would repeat that every few seconds.
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), LdapModule],
  controllers: [HealthController],
  providers: [DatabaseHealthIndicator, DirectoryHealthIndicator, HealthRepository],
})
export class HealthModule {}
