import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DevicesService } from '../devices/devices.service';
import { AuthService } from './auth.service';
import type { Credentials } from './credentials';
import type { Principal } from './principal';

/** Turns presented credentials into a principal; a refusal is audited, with where it was tried. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly auth: AuthService,
    private readonly devices: DevicesService,
    private readonly audit: AuditService,
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
        await this.audit.record(
          { actorId: null, actor: `anonymous@${where.ip ?? 'unknown'}`, role: 'anonymous' },
          {
            action: credentials.kind === 'token' ? 'auth.token.rejected' : 'auth.device.rejected',
            entity: credentials.kind === 'token' ? 'user' : 'device',
            detail: { reason: error.message, target: where.target },
          },
        );
      }
      throw error;
    }
  }
}
