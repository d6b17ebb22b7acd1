import { Injectable } from '@nestjs/common';
import type { SessionState, ThresholdProfile, ThresholdProfileInput } from '@vigil/shared';
import type { Actor } from '../auth/principal';
import { conflict } from '../common/vigil.exception';
import { SessionRecords } from '../sessions/session-records';
import { SessionWriter } from '../sessions/session-writer';
import { ThresholdProfilesService } from '../threshold-profiles/threshold-profiles.service';

/** Live in the contract's sense (`assessed` … `recovery`): monitored now, or about to be. */
const LIMITS_CHANGE_IN: readonly SessionState[] = ['assessed', 'infusing', 'paused', 'recovery'];

/**
 * One session's limits. A session keeps the limits in force when it started; only a physician
 * changes them for that session, here. Ingest and the alert sweep read them from the session row
 * with each batch and each sweep, so a change holds at once on every instance.
 */
@Injectable()
export class SessionLimitsService {
  constructor(
    private readonly sessions: SessionRecords,
    private readonly profiles: ThresholdProfilesService,
    private readonly writer: SessionWriter,
  ) {}

  /** The limits the session's alarms are judged by now. */
  async get(id: string): Promise<ThresholdProfile> {
    return this.profiles.limitsFor(await this.sessions.getEntity(id));
  }

  /**
   * Replaces a live session's limits, audited with both versions in the same transaction, as a
   * conditional write on the session's revision: of this and a racing change, exactly one wins.
   */
  async set(actor: Actor, id: string, input: ThresholdProfileInput): Promise<ThresholdProfile> {
    const session = await this.sessions.getEntity(id);
    if (!LIMITS_CHANGE_IN.includes(session.state)) {
      throw conflict(
        'SESSION_STATE_CONFLICT',
        `the session is ${session.state}: only a live session's limits can change`,
        { state: session.state },
      );
    }
    const before = this.profiles.limitsFor(session);
    const after: ThresholdProfile = { ...input, id: before.id };
    await this.writer.write(actor, session, {
      changes: { limits: after },
      audit: { action: 'session.limits', detail: { before, after } },
      underWay: 'its limits were being set',
    });
    return after;
  }
}
