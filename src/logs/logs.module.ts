import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { LdapLogEntity } from './entities/ldap-log.entity.js';
import { LdapLogRepository } from './ldap-log.repository.js';
import { LdapLogService } from './ldap-log.service.js';
import { LogAggregatesService } from './log-aggregates.service.js';
import { LogsController } from './logs.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([LdapLogEntity])],
  controllers: [LogsController],
  providers: [LdapLogRepository, LdapLogService, LogAggregatesService],
  exports: [LdapLogService, LogAggregatesService],
})
export class LogsModule {}
