import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { LdapModule } from '../ldap/ldap.module.js';
import { UsersModule } from '../users/users.module.js';
import { MailboxUserEntity } from './entities/mailbox-user.entity.js';
import { MailboxEntity } from './entities/mailbox.entity.js';
import { MailboxFilterCache } from './mailbox-filter-cache.js';
import { MailboxPreviewService } from './mailbox-preview.service.js';
import { AdminMailboxesController, MailboxesController } from './mailboxes.controller.js';
import { MailboxesRepository } from './mailboxes.repository.js';
import { MailboxesService } from './mailboxes.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([MailboxEntity, MailboxUserEntity]), LdapModule, UsersModule],
  controllers: [MailboxesController, AdminMailboxesController],
  providers: [MailboxFilterCache, MailboxPreviewService, MailboxesRepository, MailboxesService],
  exports: [MailboxFilterCache, MailboxesRepository, MailboxesService],
})
export class MailboxesModule {}
