import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { CurrentUser, Public } from '../common/decorators.js';
import { toUserView } from '../users/dto/user.dto.js';
import { UserEntity } from '../users/entities/user.entity.js';
import { LoginDto } from './dto/login.dto.js';
import { LoginGuard } from './guards/login.guard.js';
import { SessionService } from './session.service.js';
import { NoSso } from './sso/no-sso.decorator.js';
import { SsoAuthService } from './sso/sso-auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionService,
    private readonly sso: SsoAuthService,
  ) {}

  @Public()
  @NoSso()
  @UseGuards(LoginGuard)
  @Post('login')
  @HttpCode(200)
  async login(@Body() _dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const user = req.user as UserEntity;
    await this.sessions.start(user, user.authSource === 'ldap' ? 'ldap' : 'local', req, res);
    return toUserView(user);
  }

  @Public()
  @NoSso()
  @Post('logout')
  @HttpCode(200)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.sessions.end(req, res);
    return { ok: true, ...(await this.sso.logoutTarget()) };
  }

  @Get('me')
  me(@CurrentUser() user: UserEntity) {
    return toUserView(user);
  }
}
