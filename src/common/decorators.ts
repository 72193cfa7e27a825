import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

import type { UserRole } from '../users/entities/user.entity.js';

export const IS_PUBLIC = 'isPublic';
export const ROLES = 'roles';

/** The route needs no session. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route needs a session whose user has one of these roles. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

/** The id hash of the session the request came with (set by the global AuthGuard), or undefined. */
export const CurrentSessionId = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string | undefined => ctx.switchToHttp().getRequest().sessionIdHash,
);

/** The signed-in user (set by the global AuthGuard). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest().user,
);
