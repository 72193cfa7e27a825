import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { UsersModule } from '../users/users.module.js';
import { MailboxUserEntity } from './entities/mailbox-user.entity.js';
import { MailboxEntity } from './entities/mailbox.entity.js';
import { AdminMailboxesController, MailboxesController } from './mailboxes.controller.js';
import { MailboxesRepository } from './mailboxes.repository.js';
import { MailboxesService } from './mailboxes.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([MailboxEntity, MailboxUserEntity]), UsersModule],
  controllers: [MailboxesController, AdminMailboxesController],
  providers: [MailboxesRepository, MailboxesService],
  exports: [MailboxesRepository, MailboxesService],
})
export class MailboxesModule {}
