import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { ApiErrorView } from '../common/api-error.view.js';
import { CurrentUser, Public } from '../common/decorators.js';
import { MeView, toUserView } from '../users/dto/user.dto.js';
import { UserEntity } from '../users/entities/user.entity.js';
import { AuthService } from './auth.service.js';
import { LogoutView, SessionView, SignInView } from './dto/auth.views.js';
import { LoginDto } from './dto/login.dto.js';
import { LoginGuard } from './guards/login.guard.js';
import { SessionService } from './session.service.js';
import { NoSso } from './sso/no-sso.decorator.js';
import { SsoAuthService } from './sso/sso-auth.service.js';
import type { SignedInRequest } from './strategies/password.strategy.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly sso: SsoAuthService,
  ) {}

  @Public()
  @NoSso()
  @UseGuards(LoginGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SignInView, description: 'signed in: the session cookie is set' })
  @ApiUnauthorizedResponse({ type: ApiErrorView, description: 'every failure: "Invalid login or password"' })
  @ApiTooManyRequestsResponse({
    type: ApiErrorView,
    description: 'too many failed sign-ins; Retry-After says how long to wait (seconds)',
  })
  async login(
    @Body() _dto: LoginDto,
    @Req() req: SignedInRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignInView> {
    const user = req.user as UserEntity;
    await this.sessions.start(user, req.signInMethod ?? 'local', req, res);
    return { ...toUserView(user), passwordWarning: req.passwordWarning ?? null };
  }

  @Public()
  @NoSso()
  @Post('logout')
  @HttpCode(200)
  @ApiOkResponse({ type: LogoutView })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LogoutView> {
    await this.sessions.end(req, res);
    return { ok: true, ...(await this.sso.logoutTarget()) };
  }

  /** The console's first call: a trusted SSO proxy's header signs its user in here too. */
  @Public()
  @Get('session')
  @ApiOkResponse({ type: SessionView })
  async session(@CurrentUser() user: UserEntity | undefined): Promise<SessionView> {
    return { user: user ? await this.auth.me(user) : null };
  }

  @Get('me')
  @ApiOkResponse({ type: MeView })
  @ApiUnauthorizedResponse({ type: ApiErrorView })
  me(@CurrentUser() user: UserEntity): Promise<MeView> {
    return this.auth.me(user);
  }
}
