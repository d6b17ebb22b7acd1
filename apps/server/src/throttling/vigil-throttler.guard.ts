import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { credentialsFrom } from '../auth/credentials';

/**
 * Limits count per caller, not per address: a ward's monitors often share one NAT address, while
 * each has its own key. Anonymous calls (login) count per address.
 */
@Injectable()
export class VigilThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const req = request as unknown as Request;
    const credentials = credentialsFrom(req.headers);
    if (!credentials) return Promise.resolve(`ip:${req.ip ?? 'unknown'}`);
    const secret = credentials.kind === 'token' ? credentials.token : credentials.apiKey;
    return Promise.resolve(
      `caller:${createHash('sha256').update(secret).digest('hex').slice(0, 32)}`,
    );
  }
}
