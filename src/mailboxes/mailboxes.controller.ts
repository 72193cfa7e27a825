import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentUser, Roles } from '../common/decorators.js';
import { UserEntity } from '../users/entities/user.entity.js';
import { AddMemberDto, CreateMailboxDto, toMailboxView, UpdateMailboxDto } from './dto/mailbox.dto.js';
import { MailboxesService } from './mailboxes.service.js';

@ApiTags('mailboxes')
@Controller('mailboxes')
export class MailboxesController {
  constructor(private readonly mailboxes: MailboxesService) {}

  @Get()
  async mine(@CurrentUser() user: UserEntity) {
    return (await this.mailboxes.visibleTo(user)).map(toMailboxView);
  }
}

@ApiTags('admin: mailboxes')
@Roles('admin')
@Controller('admin/mailboxes')
export class AdminMailboxesController {
  constructor(private readonly mailboxes: MailboxesService) {}

  @Get()
  async list() {
    return (await this.mailboxes.list()).map(toMailboxView);
  }

  @Get(':id')
  async get(@Param('id', ParseIntPipe) id: number) {
    return toMailboxView(await this.mailboxes.get(id));
  }

  @Post()
  async create(@Body() dto: CreateMailboxDto) {
    return toMailboxView(await this.mailboxes.create(dto));
  }

  @Patch(':id')
  async update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateMailboxDto) {
    return toMailboxView(await this.mailboxes.update(id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id', ParseIntPipe) id: number) {
    return this.mailboxes.delete(id);
  }

  @Get(':id/members')
  members(@Param('id', ParseIntPipe) id: number) {
    return this.mailboxes.members(id);
  }

  @Post(':id/members')
  @HttpCode(204)
  addMember(@Param('id', ParseIntPipe) id: number, @Body() dto: AddMemberDto) {
    return this.mailboxes.addManualMember(id, dto.userId);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  removeMember(@Param('id', ParseIntPipe) id: number, @Param('userId', ParseIntPipe) userId: number) {
    return this.mailboxes.removeManualMember(id, userId);
  }
}
