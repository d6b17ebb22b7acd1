import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { DevicesService } from '../devices/devices.service';
import { AuthService } from './auth.service';
import { type Credentials, credentialsFrom } from './credentials';
import type { Principal } from './principal';
import { RejectedCredentials } from './rejected-credentials';

/** One authentication per request, shared by the rate limiter and the access guard. */
const requestPrincipals = new WeakMap<object, Promise<Principal | null>>();

/** Turns presented credentials into a principal; a refusal is counted with where it was tried. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly auth: AuthService,
    private readonly devices: DevicesService,
    private readonly rejected: RejectedCredentials,
  ) {}

  async authenticate(
    credentials: Credentials,
    where: { target: string; ip?: string },
  ): Promise<Principal | null> {
    if (!credentials) return null;
    try {
      return credentials.kind === 'token'
        ? await this.auth.authenticate(credentials.token)
        : await this.devices.authenticate(credentials.apiKey);
    } catch (error) {
      if (error instanceof UnauthorizedException) {
        this.rejected.note(where.ip, {
          reason: credentials.kind === 'token' ? `token: ${error.message}` : 'device-key',
          target: where.target,
        });
      }
      throw error;
    }
  }

  /**
   * The principal a REST request's credentials prove (null without credentials), checked once
   * however many guards ask: the limiter counts a caller by it, the access guard decides with it.
   */
  authenticateRequest(request: Request): Promise<Principal | null> {
    let principal = requestPrincipals.get(request);
    if (!principal) {
      const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
      principal = this.authenticate(credentialsFrom(request.headers), {
        target: `${request.method} ${route}`,
        ip: request.ip,
      });
      requestPrincipals.set(request, principal);
    }
    return principal;
  }
}
