import { Body, Controller, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';

import { ApiErrorView, ValidationErrorView } from '../common/api-error.view.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { toUserView, UserView } from '../users/dto/user.dto.js';
import type { UserEntity } from '../users/entities/user.entity.js';
import { AccountLinkService } from './account-link.service.js';
import { LinkUserDto } from './dto/link-user.dto.js';

@ApiTags('admin: users')
@ApiBadRequestResponse({ type: ValidationErrorView })
@Roles('admin')
@Controller('admin/users')
export class AccountLinkController {
  constructor(private readonly link: AccountLinkService) {}

  @Post(':id/link')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView, description: 'the account is linked to the directory entry' })
  @ApiNotFoundResponse({ type: ApiErrorView, description: 'no such user, or the DN is not a user in any search scope' })
  @ApiConflictResponse({ type: ApiErrorView, description: 'another user already stands for this entry' })
  async linkToEntry(
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: LinkUserDto,
    @CurrentUser() admin: UserEntity,
  ): Promise<UserView> {
    return toUserView(await this.link.execute(id, dto.dn, admin.email));
  }
}
