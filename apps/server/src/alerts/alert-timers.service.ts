import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  bloodPressureDueS,
  bpOverdueMessage,
  isLiveSession,
  shownSilence,
  signalLossMessage,
  silentSigns,
  type Assessment,
  type PressureReading,
  type ThresholdProfile,
} from '@vigil/shared';
import { In, type DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { actorOf, systemPrincipal } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { RedisConnection } from '../redis/redis.module';
import { SessionEntity } from '../sessions/session.entity';
import { ThresholdProfilesService } from '../threshold-profiles/threshold-profiles.service';
import { AlertEntity } from './alert.entity';
import { toAlert } from './alert.mapper';
import { AlertsService } from './alerts.service';

const SWEEP_MS = 1_000;
const SWEEP_LEASE_KEY = 'alert-sweep:lease';

/**
 * Everything about alerts that happens with time rather than with a reading: escalation,
 * reminders, SIGNAL_LOSS and BP_OVERDUE. Each change is a conditional write in the database, so
 * with several instances sweeping, each escalation or reminder still happens exactly once, and it
 * survives a restart because its clock is the alert's own stored times.
 */
@Injectable()
export class AlertTimers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertTimers.name);
  private readonly system = actorOf(systemPrincipal('alert-timers'));
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  /**
   * Readings sent while this instance was down never arrived here: after a (re)start, devices get
   * the full limit to resume before their silence counts.
   */
  private readonly watchingSince = Date.now();
  /** Each watched session's newest blood pressure, as of the last sweep. */
  private pressures = new Map<string, LastPressure>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly alerts: AlertsService,
    private readonly realtime: ClinicianGateway,
    private readonly profiles: ThresholdProfilesService,
    private readonly redis: RedisConnection,
  ) {}

  onApplicationBootstrap(): void {
    // A tick that finds the last sweep still running skips: the next one a second later catches up.
    this.timer = setInterval(() => {
      if (!this.sweeping) void this.sweep();
    }, SWEEP_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One sweep at a time: a sweep asked for while another runs waits for it, then runs. */
  async sweep(now = Date.now()): Promise<void> {
    while (this.sweeping) await this.sweeping;
    this.sweeping = this.sweepOnce(now).finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async sweepOnce(now: number): Promise<void> {
    try {
      if (!(await this.holdsSweepLease(now))) return;
      const open = await this.dataSource
        .getRepository(AlertEntity)
        .findBy({ state: In(['active', 'acknowledged']) });
      const live = await this.liveLimits([...new Set(open.map((alert) => alert.sessionId))]);
      for (const alert of open) {
        const profile = live.get(alert.sessionId);
        // Ending a session resolves its alerts in the same transaction; this only catches one
        // that slipped past that, so that it never sounds for an empty chair.
        if (!profile) await this.alerts.resolve(alert, now, 'session-ended');
        else if (alert.state === 'active') await this.escalate(alert, now, profile);
        else await this.remind(alert, now, profile);
      }
      await this.watchSignals(
        now,
        new Map(open.map((alert) => [openKey(alert.sessionId, alert.code), alert])),
      );
    } catch (error) {
      this.logger.error(
        `alert sweep failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * With several instances, one sweeps each second: a Redis lease that expires before the next
   * tick. The sweeps' writes are conditional anyway, so if Redis is unreachable every instance
   * sweeps and each change still happens once; the lease saves the others the work.
   */
  private async holdsSweepLease(now: number): Promise<boolean> {
    if (!this.redis.enabled) return true;
    try {
      const client = await this.redis.connect();
      const taken = await client?.set(this.redis.key(SWEEP_LEASE_KEY), String(now), {
        condition: 'NX',
        expiration: { type: 'PX', value: SWEEP_MS - 100 },
      });
      return taken === 'OK';
    } catch {
      return true;
    }
  }

  /** The limits in force for each of these sessions that is still live. */
  private async liveLimits(sessionIds: string[]): Promise<Map<string, ThresholdProfile>> {
    if (sessionIds.length === 0) return new Map();
    const sessions = await this.dataSource
      .getRepository(SessionEntity)
      .findBy({ id: In(sessionIds) });
    return new Map(
      sessions
        .filter((session) => isLiveSession(session.state))
        .map((session) => [session.id, this.profiles.limitsFor(session)]),
    );
  }

  /** Unacknowledged past the profile's time: to physicians (escalationLevel 1), once. */
  private async escalate(
    alert: AlertEntity,
    now: number,
    profile: ThresholdProfile,
  ): Promise<void> {
    if (alert.escalationLevel > 0 || alert.priority === 'low') return;
    if (Date.parse(alert.raisedAt) > now - profile.escalationS[alert.priority] * 1000) return;
    const escalated = await this.unitOfWork.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(AlertEntity)
        .set({ escalationLevel: 1 })
        .where('id = :id AND escalation_level = 0 AND state = :state', {
          id: alert.id,
          state: 'active',
        })
        .execute();
      if (!result.affected) return false;
      await this.audit.append(manager, this.system, {
        action: 'alert.escalated',
        entity: 'alert',
        entityId: alert.id,
        sessionId: alert.sessionId,
        detail: { code: alert.code, priority: alert.priority, level: 1 },
      });
      return true;
    });
    if (escalated)
      this.realtime.publishAlert('alert.updated', toAlert({ ...alert, escalationLevel: 1 }));
  }

  /** Acknowledged but still open (its condition persists): remind again every reminder period. */
  private async remind(alert: AlertEntity, now: number, profile: ThresholdProfile): Promise<void> {
    const last = alert.remindedAt ?? alert.acknowledgedAt;
    if (!last || Date.parse(last) > now - profile.reminderMin * 60_000) return;
    const remindedAt = toIsoTimestamp(now);
    const result = await this.dataSource
      .createQueryBuilder()
      .update(AlertEntity)
      .set({ remindedAt })
      .where('id = :id AND state = :state', { id: alert.id, state: 'acknowledged' })
      .andWhere(alert.remindedAt ? 'reminded_at = :last' : 'reminded_at IS NULL', {
        last: alert.remindedAt,
      })
      .execute();
    if (result.affected)
      this.realtime.publishAlert('alert.updated', toAlert({ ...alert, remindedAt }));
  }

  /**
   * SIGNAL_LOSS (no SpO2, or no heart rate) and BP_OVERDUE, while infusing, paused or in recovery.
   * One query reads every such session with its receipt times; only a change writes: a raise, a
   * resolution, or the message moving on (to the 10 s, then to the minute).
   */
  private async watchSignals(now: number, open: ReadonlyMap<string, AlertEntity>): Promise<void> {
    const sessions: WatchedSession[] = await this.dataSource.query(
      `SELECT s.id, s.bay, s.started_at AS "startedAt", s.assessment,
              s.threshold_profile_id AS "thresholdProfileId", s.limits,
              r.spo2_received_at AS "spo2At", r.heart_rate_received_at AS "heartRateAt",
              r.pressure_received_at AS "pressureAt"
       FROM infusion_session s LEFT JOIN vital_receipt r ON r.session_id = s.id
       WHERE s.state IN ('infusing', 'paused', 'recovery')`,
    );
    const pressures = new Map<string, LastPressure>();
    for (const session of sessions) {
      if (!session.startedAt) continue;
      const profile = this.profiles.limitsFor(session);
      const since = Math.max(Date.parse(session.startedAt), this.watchingSince);
      const receipts = {
        spo2: parseTime(session.spo2At),
        heartRate: parseTime(session.heartRateAt),
      };
      const lost = silentSigns(receipts, since, now, profile.signalLossS);
      await this.technical(
        session,
        open,
        now,
        'SIGNAL_LOSS',
        lost.signs.length > 0 && {
          shownS: shownSilence(lost.silentS),
          limitS: profile.signalLossS,
          message: signalLossMessage(lost.signs, shownSilence(lost.silentS), profile.signalLossS),
        },
      );
      const pressure = await this.lastPressure(session);
      if (pressure) pressures.set(session.id, pressure);
      const baseline = parseAssessment(session.assessment)?.baseline ?? null;
      const dueS = bloodPressureDueS(profile, pressure?.reading ?? null, baseline);
      const overdueS = (now - Math.max(since, parseTime(session.pressureAt) ?? since)) / 1000;
      await this.technical(
        session,
        open,
        now,
        'BP_OVERDUE',
        overdueS > dueS && {
          shownS: shownSilence(overdueS),
          limitS: dueS,
          message: bpOverdueMessage(shownSilence(overdueS), dueS),
        },
      );
    }
    this.pressures = pressures;
  }

  /**
   * The newest blood pressure of the session, read again only when a newer one has arrived: the
   * sweep runs every second for every chair, a cuff cycles every few minutes.
   */
  private async lastPressure(session: WatchedSession): Promise<LastPressure | null> {
    if (!session.pressureAt) return null;
    const known = this.pressures.get(session.id);
    if (known?.receivedAt === session.pressureAt) return known;
    const postgres = this.dataSource.options.type === 'postgres';
    const [reading] = await this.dataSource.query<PressureReading[]>(
      `SELECT systolic, diastolic FROM vital_sample
       WHERE session_id = ${postgres ? '$1' : '?'} AND systolic IS NOT NULL
       ORDER BY received_at DESC, at DESC LIMIT 1`,
      [session.id],
    );
    return reading ? { receivedAt: session.pressureAt, reading } : null;
  }

  /** Raises, resolves or brings up to date one technical alarm of the session. */
  private async technical(
    session: WatchedSession,
    open: ReadonlyMap<string, AlertEntity>,
    now: number,
    code: TechnicalCode,
    condition: { shownS: number; limitS: number; message: string } | false,
  ): Promise<void> {
    const existing = open.get(openKey(session.id, code));
    if (!condition) {
      if (existing) await this.alerts.resolve(existing, now, 'cleared');
      return;
    }
    const shown = {
      value: condition.shownS,
      threshold: condition.limitS,
      message: condition.message,
    };
    if (existing) {
      if (existing.message !== shown.message)
        await this.alerts.refresh({ id: existing.id, ...shown });
      return;
    }
    await this.alerts.raise(
      { id: session.id, bay: session.bay },
      { kind: 'technical', code, priority: 'medium', ...shown, at: now },
    );
  }
}

type TechnicalCode = 'SIGNAL_LOSS' | 'BP_OVERDUE';

interface WatchedSession {
  id: string;
  bay: string;
  startedAt: string | null;
  /** The assessment as stored JSON: its baseline makes the relative limits. */
  assessment: string | null;
  thresholdProfileId: string;
  /** The limits in force as stored JSON, read through ThresholdProfilesService.limitsFor. */
  limits: string | null;
  spo2At: string | null;
  heartRateAt: string | null;
  pressureAt: string | null;
}

interface LastPressure {
  receivedAt: string;
  reading: PressureReading;
}

function parseAssessment(stored: string | null): Assessment | null {
  return stored ? (JSON.parse(stored) as Assessment) : null;
}

function openKey(sessionId: string, code: string): string {
  return `${sessionId}\u0000${code}`;
}

function parseTime(value: string | null): number | null {
  return value ? Date.parse(value) : null;
}
