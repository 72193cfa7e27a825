import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { ApiBadRequestOrRefused, DomainErrorView } from '../common/api-error.view.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { ParseIdPipe } from '../common/id-param.pipe.js';
import { toUserView, UserView } from '../users/dto/user.dto.js';
import type { UserEntity } from '../users/entities/user.entity.js';
import { AccountLinkService } from './account-link.service.js';
import { LinkUserDto } from './dto/link-user.dto.js';

@ApiTags('admin: users')
@Roles('admin')
@Controller('admin/users')
export class AccountLinkController {
  constructor(private readonly link: AccountLinkService) {}

  @Post(':id/link')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView, description: 'the account is linked to the directory entry' })
  @ApiBadRequestOrRefused(
    'a field is wrong (`fields`), LDAP is off (code LDAP_NOT_ENABLED) or the entry maps to no user (ENTRY_UNREADABLE)',
  )
  @ApiNotFoundResponse({
    type: DomainErrorView,
    description: 'no such user (code USER_NOT_FOUND), or the DN is not a user in any search scope (ENTRY_NOT_IN_SCOPE)',
  })
  @ApiConflictResponse({
    type: DomainErrorView,
    description: 'another user stands for this entry (ENTRY_ALREADY_LINKED)',
  })
  async linkToEntry(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: LinkUserDto,
    @CurrentUser() admin: UserEntity,
  ): Promise<UserView> {
    return toUserView(await this.link.execute(id, dto.dn, admin.email));
  }
}
