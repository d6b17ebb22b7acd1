import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { alertMessage, type ThresholdProfile } from '@vigil/shared';
import { In, type DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { actorOf, systemPrincipal } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { SessionEntity } from '../sessions/session.entity';
import { ThresholdProfilesService } from '../threshold-profiles/threshold-profiles.service';
import { VitalSampleEntity } from '../vitals/vital-sample.entity';
import { AlertEntity } from './alert.entity';
import { toAlert } from './alert.mapper';
import { AlertsService } from './alerts.service';

const SWEEP_MS = 1_000;

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
  private sweeping = false;
  /**
   * Readings sent while this instance was down never arrived here: after a (re)start, devices get
   * the full limit to resume before their silence counts.
   */
  private readonly watchingSince = Date.now();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly alerts: AlertsService,
    private readonly realtime: ClinicianGateway,
    private readonly profiles: ThresholdProfilesService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async sweep(now = Date.now()): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const open = await this.dataSource
        .getRepository(AlertEntity)
        .findBy({ state: In(['active', 'acknowledged']) });
      const profiles = await this.profilesOf([...new Set(open.map((alert) => alert.sessionId))]);
      for (const alert of open) {
        const profile = profiles.get(alert.sessionId) ?? this.profiles.get(null);
        if (alert.state === 'active') await this.escalate(alert, now, profile);
        else await this.remind(alert, now, profile);
      }
      await this.watchSignals(now);
    } catch (error) {
      this.logger.error(
        `alert sweep failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      this.sweeping = false;
    }
  }

  private async profilesOf(sessionIds: string[]): Promise<Map<string, ThresholdProfile>> {
    if (sessionIds.length === 0) return new Map();
    const sessions = await this.dataSource
      .getRepository(SessionEntity)
      .findBy({ id: In(sessionIds) });
    return new Map(
      sessions.map((session) => [session.id, this.profiles.get(session.thresholdProfileId)]),
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

  /** SIGNAL_LOSS while infusing (no SpO2 or heart rate); BP_OVERDUE while infusing or in recovery. */
  private async watchSignals(now: number): Promise<void> {
    const sessions = await this.dataSource
      .getRepository(SessionEntity)
      .findBy({ state: In(['infusing', 'paused', 'recovery']) });
    for (const session of sessions) {
      if (!session.startedAt) continue;
      const profile = this.profiles.get(session.thresholdProfileId);
      const since = Math.max(Date.parse(session.startedAt), this.watchingSince);
      if (session.state === 'infusing') {
        const lastSignal = await this.lastReceived(session.id, ['spo2', 'heartRate']);
        const silentS = (now - Math.max(since, lastSignal ?? since)) / 1000;
        await this.technical(session, 'SIGNAL_LOSS', 'medium', silentS, profile.signalLossS, now);
      } else {
        await this.clearTechnical(session.id, 'SIGNAL_LOSS', now);
      }
      const lastPressure = await this.lastReceived(session.id, ['systolic']);
      const limitS = (profile.bpIntervalMin + profile.bpGraceMin) * 60;
      const overdueS = (now - Math.max(since, lastPressure ?? since)) / 1000;
      await this.technical(session, 'BP_OVERDUE', 'low', overdueS, limitS, now);
    }
  }

  private async technical(
    session: SessionEntity,
    code: 'SIGNAL_LOSS' | 'BP_OVERDUE',
    priority: 'medium' | 'low',
    elapsedS: number,
    limitS: number,
    now: number,
  ): Promise<void> {
    if (elapsedS <= limitS) {
      await this.clearTechnical(session.id, code, now);
      return;
    }
    if (await this.alerts.findOpen(session.id, code)) return;
    await this.alerts.raise(
      { id: session.id, bay: session.bay },
      {
        kind: 'technical',
        code,
        priority,
        value: Math.round(elapsedS),
        threshold: limitS,
        message: alertMessage(code, Math.round(elapsedS), limitS),
        at: now,
      },
    );
  }

  private async clearTechnical(
    sessionId: string,
    code: 'SIGNAL_LOSS' | 'BP_OVERDUE',
    now: number,
  ): Promise<void> {
    const open = await this.alerts.findOpen(sessionId, code);
    if (open) await this.alerts.resolve(open, now);
  }

  /** Wall time the newest reading of these signs arrived (the readings' receipt, not their own time). */
  private async lastReceived(
    sessionId: string,
    signs: Array<'spo2' | 'heartRate' | 'systolic'>,
  ): Promise<number | null> {
    const query = this.dataSource
      .getRepository(VitalSampleEntity)
      .createQueryBuilder('sample')
      .select('MAX(sample.receivedAt)', 'last')
      .where('sample.sessionId = :sessionId', { sessionId })
      .andWhere(`(${signs.map((sign) => `sample.${sign} IS NOT NULL`).join(' OR ')})`);
    const row = await query.getRawOne<{ last: string | null }>();
    return row?.last ? Date.parse(row.last) : null;
  }
}
