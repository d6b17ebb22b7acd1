import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import { ACCESS_RULE, type AccessRule } from './access.decorator';
import { decideAccess } from './access-policy';
import { Authenticator } from './authenticator';
import { actorOf, type Principal } from './principal';

export type AuthenticatedRequest = Request & { principal?: Principal };

/** Authenticates every REST request and applies the route's @Access rule. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule?.public) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const target = `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`;
    const principal = await this.authenticator.authenticateRequest(request);
    const decision = decideAccess(rule, principal);
    if (decision === 'unauthenticated') throw new UnauthorizedException('authentication required');
    if (decision === 'forbidden') {
      const actor = actorOf(principal!);
      await this.audit.record(actor, {
        action: 'access.denied',
        entity: 'route',
        detail: { target },
      });
      throw new ForbiddenException(`${actor.role} may not ${target}`);
    }
    request.principal = principal!;
    return true;
  }
}
