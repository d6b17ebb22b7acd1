import { Injectable } from '@nestjs/common';
import type { WardBay } from '@vigil/shared';
import { DevicesService } from '../devices/devices.service';
import { SessionRecords } from '../sessions/session-records';
import { wardBays } from './ward-bays';

/**
 * The ward's chairs, read-only. The server keeps no list of bays of its own: a chair is known by
 * the bedside device registered to it, by a session in it, or by a module that furnishes the
 * ward (the demo ward names its chairs at start).
 */
@Injectable()
export class BaysService {
  private readonly furnished = new Set<string>();

  constructor(
    private readonly sessions: SessionRecords,
    private readonly devices: DevicesService,
  ) {}

  /** Chairs shown even while empty and without a device. */
  furnish(bays: readonly string[]): void {
    for (const bay of bays) this.furnished.add(bay);
  }

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
      configuredBays: [...this.furnished],
    });
  }
}
