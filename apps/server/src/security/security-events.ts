import { Global, Injectable, Module } from '@nestjs/common';
import { Subject } from 'rxjs';

export type SecurityEvent =
  | { kind: 'user-access-revoked'; userId: string }
  | { kind: 'login-ended'; authSessionId: string }
  /** `fromOtherInstance`: relayed from the instance where the key was revoked. */
  | { kind: 'device-revoked'; deviceId: string; fromOtherInstance?: boolean };

/**
 * Where access is withdrawn (users, devices, logout) and where open sockets must then be closed
 * (the gateways) meet here, without the modules depending on each other.
 */
@Injectable()
export class SecurityEvents {
  private readonly events = new Subject<SecurityEvent>();
  readonly stream = this.events.asObservable();

  publish(event: SecurityEvent): void {
    this.events.next(event);
  }
}

@Global()
@Module({ providers: [SecurityEvents], exports: [SecurityEvents] })
export class SecurityEventsModule {}
