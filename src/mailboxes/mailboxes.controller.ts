import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';

import { ApiErrorView, DirectoryErrorView, ValidationErrorView } from '../common/api-error.view.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { ParseIdPipe } from '../common/id-param.pipe.js';
import { UserEntity } from '../users/entities/user.entity.js';
import {
  AddMemberDto,
  CreateMailboxDto,
  MailboxMembersView,
  MailboxPreviewDto,
  MailboxPreviewView,
  MailboxSavedView,
  MailboxView,
  toMailboxView,
  UpdateMailboxDto,
} from './dto/mailbox.dto.js';
import { MailboxPreviewService } from './mailbox-preview.service.js';
import { MailboxesService } from './mailboxes.service.js';

@ApiTags('mailboxes')
@Controller('mailboxes')
export class MailboxesController {
  constructor(private readonly mailboxes: MailboxesService) {}

  @Get()
  @ApiOkResponse({ type: [MailboxView], description: "the agent's mailboxes; an admin sees all" })
  async mine(@CurrentUser() user: UserEntity): Promise<MailboxView[]> {
    return (await this.mailboxes.visibleTo(user)).map(toMailboxView);
  }
}

@ApiTags('admin: mailboxes')
@ApiBadRequestResponse({ type: ValidationErrorView })
@ApiNotFoundResponse({ type: ApiErrorView })
@Roles('admin')
@Controller('admin/mailboxes')
export class AdminMailboxesController {
  constructor(
    private readonly mailboxes: MailboxesService,
    private readonly previews: MailboxPreviewService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [MailboxView] })
  async list(): Promise<MailboxView[]> {
    return (await this.mailboxes.list()).map(toMailboxView);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOkResponse({
    type: MailboxPreviewView,
    description: 'the directory users in the search scopes that the filter matches',
  })
  @ApiConflictResponse({ type: ApiErrorView, description: 'LDAP is off or has no search scope' })
  @ApiBadGatewayResponse({ type: DirectoryErrorView, description: 'the directory failed: its message and a hint' })
  preview(@Body() dto: MailboxPreviewDto): Promise<MailboxPreviewView> {
    return this.previews.preview(dto.ldapFilter);
  }

  @Get(':id')
  @ApiOkResponse({ type: MailboxView })
  async get(@Param('id', ParseIdPipe) id: number): Promise<MailboxView> {
    return toMailboxView(await this.mailboxes.get(id));
  }

  @Post()
  @ApiCreatedResponse({ type: MailboxSavedView })
  @ApiConflictResponse({ type: ApiErrorView, description: 'the name is taken' })
  async create(@Body() dto: CreateMailboxDto): Promise<MailboxSavedView> {
    const { mailbox, notes } = await this.mailboxes.create(dto);
    return { ...toMailboxView(mailbox), notes };
  }

  @Patch(':id')
  @ApiOkResponse({ type: MailboxSavedView })
  @ApiConflictResponse({ type: ApiErrorView, description: 'the name is taken' })
  async update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateMailboxDto): Promise<MailboxSavedView> {
    const { mailbox, notes } = await this.mailboxes.update(id, dto);
    return { ...toMailboxView(mailbox), notes };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted' })
  delete(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.mailboxes.delete(id);
  }

  @Get(':id/members')
  @ApiOkResponse({ type: MailboxMembersView })
  members(@Param('id', ParseIdPipe) id: number): Promise<MailboxMembersView> {
    return this.mailboxes.members(id);
  }

  @Post(':id/members')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'added as a manual member' })
  addMember(@Param('id', ParseIdPipe) id: number, @Body() dto: AddMemberDto): Promise<void> {
    return this.mailboxes.addManualMember(id, dto.userId);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'manual membership removed' })
  removeMember(@Param('id', ParseIdPipe) id: number, @Param('userId', ParseIdPipe) userId: number): Promise<void> {
    return this.mailboxes.removeManualMember(id, userId);
  }
}
