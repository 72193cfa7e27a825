import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { Roles } from '../common/decorators.js';
import { CreateUserDto, ListUsersQuery, SetPasswordDto, toUserView, UpdateUserDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('admin: users')
@Roles('admin')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(@Query() query: ListUsersQuery) {
    const { items, total } = await this.users.list(query.page, query.pageSize, query.q);
    return { items: items.map(toUserView), total, page: query.page ?? 1 };
  }

  @Get(':id')
  async get(@Param('id', ParseIntPipe) id: number) {
    return toUserView(await this.users.get(id));
  }

  @Post()
  async create(@Body() dto: CreateUserDto) {
    return toUserView(await this.users.createLocal(dto));
  }

  @Patch(':id')
  async update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateUserDto) {
    return toUserView(await this.users.update(id, dto));
  }

  @Put(':id/password')
  @HttpCode(204)
  async setPassword(@Param('id', ParseIntPipe) id: number, @Body() dto: SetPasswordDto) {
    await this.users.setPassword(id, dto.password);
  }
}
