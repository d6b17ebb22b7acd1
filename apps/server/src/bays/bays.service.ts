import { Inject, Injectable } from '@nestjs/common';
import type { WardBay } from '@vigil/shared';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DEMO_WARD } from '../demo/demo-ward';
import { DevicesService } from '../devices/devices.service';
import { SessionsService } from '../sessions/sessions.service';
import { wardBays } from './ward-bays';

/**
 * The ward's chairs, read-only. The server keeps no list of bays of its own: a chair is known by
 * the bedside device registered to it, by a session in it, or by the demo ward.
 */
@Injectable()
export class BaysService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly devices: DevicesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Not audited: it names sessions and states, never a patient. */
  async list(): Promise<WardBay[]> {
    const [liveSessions, devices] = await Promise.all([
      this.sessions.liveEntities(),
      this.devices.list(),
    ]);
    return wardBays({
      liveSessions,
      // A revoked key is a monitor taken out of service; its chair may be gone with it.
      deviceBays: devices.flatMap((device) =>
        device.bay !== null && device.revokedAt === null ? [device.bay] : [],
      ),
      configuredBays: this.config.demo ? DEMO_WARD.map((chair) => chair.bay) : [],
    });
  }
}
