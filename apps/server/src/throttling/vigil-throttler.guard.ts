import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request } from 'express';
import { ACCESS_RULE, type AccessRule } from '../auth/access.decorator';
import { Authenticator } from '../auth/authenticator';

/**
 * Limits count per caller, not per address: a ward's monitors often share one NAT address, while
 * each has its own key. A caller is who its credentials PROVE it is: anything unproven (no
 * credentials, junk or forged ones, a public route such as login) counts against the client's
 * address, so a made-up header never buys a fresh budget.
 */
@Injectable()
export class VigilThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(
    request: Record<string, unknown>,
    context?: ExecutionContext,
  ): Promise<string> {
    const req = request as unknown as Request;
    const rule = context
      ? this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
          context.getHandler(),
          context.getClass(),
        ])
      : undefined;
    if (context?.getType() === 'http' && !rule?.public) {
      // A refusal is the access guard's to answer, after the limit has counted it by address.
      const principal = await this.authenticator.authenticateRequest(req).catch(() => null);
      if (principal?.kind === 'user') return `user:${principal.userId}`;
      if (principal?.kind === 'device') return `device:${principal.deviceId}`;
    }
    return `ip:${req.ip ?? 'unknown'}`;
  }
}
