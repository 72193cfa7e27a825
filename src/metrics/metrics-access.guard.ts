import { timingSafeEqual, createHash } from 'node:crypto';

import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';

import { cidrContains } from '../common/cidr.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * Who may read /api/metrics: a request from an allowed address (METRICS_ALLOW, matched against
 * the client address Express derives under TRUST_PROXY), one with the bearer token
 * (METRICS_TOKEN), or an admin's session (set on the request by the global AuthGuard).
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly tokenHash?: Buffer;
  private readonly allow: string[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.tokenHash = config.metrics?.token ? sha256(config.metrics.token) : undefined;
    this.allow = config.metrics?.allow ?? [];
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { user?: { role: string } }>();
    if (req.ip && this.allow.some((cidr) => cidrContains(cidr, req.ip!))) return true;
    const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // hashes of equal length, so the comparison takes the same time whatever was sent
    if (bearer && this.tokenHash && timingSafeEqual(sha256(bearer), this.tokenHash)) return true;
    if (req.user?.role === 'admin') return true;
    if (req.user) throw new ForbiddenException('this needs the admin role');
    throw new UnauthorizedException('metrics need an admin session, the metrics token or an allowed address');
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
