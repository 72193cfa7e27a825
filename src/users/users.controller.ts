import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';

import { ApiErrorView, ValidationErrorView } from '../common/api-error.view.js';
import { CurrentSessionId, CurrentUser, Roles } from '../common/decorators.js';
import { ParseIdPipe } from '../common/id-param.pipe.js';
import {
  CreateUserDto,
  ListUsersQuery,
  SetPasswordDto,
  SetPasswordResult,
  toUserView,
  UpdateUserDto,
  UsersPage,
  UserView,
} from './dto/user.dto.js';
import { UserEntity } from './entities/user.entity.js';
import { UsersService } from './users.service.js';

@ApiTags('admin: users')
@ApiBadRequestResponse({ type: ValidationErrorView })
@Roles('admin')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UsersPage })
  list(@Query() query: ListUsersQuery): Promise<UsersPage> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  async get(@Param('id', ParseIdPipe) id: number): Promise<UserView> {
    return toUserView(await this.users.get(id));
  }

  @Post()
  @ApiCreatedResponse({ type: UserView })
  @ApiConflictResponse({ type: ApiErrorView, description: 'the email is taken' })
  async create(@Body() dto: CreateUserDto): Promise<UserView> {
    return toUserView(await this.users.createLocal(dto));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ type: ApiErrorView })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateUserDto,
    @CurrentUser() actor: UserEntity,
  ): Promise<UserView> {
    return toUserView(await this.users.update(id, dto, actor.id));
  }

  @Put(':id/password')
  @HttpCode(200)
  @ApiOkResponse({
    type: SetPasswordResult,
    description: "password set; the user's sessions ended, but the one asking when admins set their own",
  })
  @ApiNotFoundResponse({ type: ApiErrorView })
  setPassword(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: SetPasswordDto,
    @CurrentUser() actor: UserEntity,
    @CurrentSessionId() sessionIdHash: string | undefined,
  ): Promise<SetPasswordResult> {
    return this.users.setPassword(id, dto.password, { userId: actor.id, sessionIdHash });
  }
}
