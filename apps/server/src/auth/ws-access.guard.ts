import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { WsException } from '@nestjs/websockets';
import { ACCESS_RULE, type AccessRule } from './access.decorator';
import { decideAccess } from './access-policy';
import type { Principal } from './principal';

/** The same @Access rules for socket events; the principal was set at the handshake. */
@Injectable()
export class WsAccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_RULE, context.getHandler());
    const client = context.switchToWs().getClient<{ data: { principal?: Principal } }>();
    const decision = decideAccess(rule, client.data.principal ?? null);
    if (decision !== 'allow') throw new WsException(decision);
    return true;
  }
}
