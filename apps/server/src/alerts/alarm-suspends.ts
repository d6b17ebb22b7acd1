import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ALARM_SUSPEND_MAX_S,
  endsSuspend,
  silencedBySuspend,
  suspendInForce,
  type AlarmSuspend,
  type AlarmSuspendInput,
} from '@vigil/shared';
import { In, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { actorOf, systemPrincipal, type Actor } from '../auth/principal';
import { conflict } from '../common/vigil.exception';
import { toIsoTimestamp } from '../database/columns';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { AlarmSuspendEntity } from './alarm-suspend.entity';
import { AlertEntity } from './alert.entity';

const ALARM_WATCH = actorOf(systemPrincipal('alarm-suspend'));
/** The states in which a chair's monitor is watched, so a probe change can set off alarms. */
const MONITORED_STATES = ['assessed', 'infusing', 'paused', 'recovery'];

/**
 * One chair's alarms suspended for a probe change (libs/shared alarm-suspend): stored with its
 * end time so that every instance's routing and escalation sweep honours it, ended early by the
 * first alarm it does not cover. Starting and ending are audited in the same transaction and
 * published to the ward's screens after the commit.
 */
@Injectable()
export class AlarmSuspends {
  private readonly logger = new Logger(AlarmSuspends.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly realtime: ClinicianGateway,
  ) {}

  /** Every suspend not yet timed out, by chair. */
  async current(now = Date.now()): Promise<Map<string, AlarmSuspend>> {
    const rows = await this.dataSource
      .getRepository(AlarmSuspendEntity)
      .findBy({ endsAt: MoreThan(toIsoTimestamp(now)) });
    return new Map(rows.map((row) => [row.bay, toSuspend(row)]));
  }

  /** Whether the alert stays quiet now: its chair's suspend covers it. */
  async silences(alert: AlertEntity, now = Date.now()): Promise<boolean> {
    const row = await this.dataSource
      .getRepository(AlarmSuspendEntity)
      .findOneBy({ bay: alert.bay });
    return silencedBySuspend(row && toSuspend(row), alert, now);
  }

  /**
   * Suspends the chair's probe-change alarms. Refused (409 `ALARM_SUSPEND_REFUSED`) with no
   * patient monitored in the chair, while a suspend runs there (it is never prolonged), or while
   * an alarm it would not cover sounds there.
   */
  async start(actor: Actor, bay: string, input: AlarmSuspendInput): Promise<AlarmSuspend> {
    const now = Date.now();
    let suspend: AlarmSuspend;
    try {
      suspend = await this.unitOfWork.run(async (manager) => {
        const sessionId = await this.monitoredSession(manager, bay);
        const repository = manager.getRepository(AlarmSuspendEntity);
        const running = await repository.findOneBy({ bay, endsAt: MoreThan(toIsoTimestamp(now)) });
        if (running)
          throw refused(`the alarms of chair ${bay} are suspended already until ${running.endsAt}`);
        const candidate: AlarmSuspend = {
          bay,
          sessionId,
          reason: input.reason,
          startedBy: actor.actor,
          startedAt: toIsoTimestamp(now),
          endsAt: toIsoTimestamp(now + (input.seconds ?? ALARM_SUSPEND_MAX_S) * 1000),
        };
        const open = await manager
          .getRepository(AlertEntity)
          .findBy({ sessionId, state: In(['active', 'acknowledged']) });
        if (!suspendInForce(candidate, open, now))
          throw refused(
            `an alarm a probe change does not explain sounds in chair ${bay}; it cannot be suspended`,
          );
        await repository.delete({ bay });
        await repository.insert(candidate);
        await this.audit.append(manager, actor, {
          action: 'alarm-suspend.started',
          entity: 'bay',
          entityId: bay,
          sessionId,
          detail: { reason: candidate.reason, endsAt: candidate.endsAt },
        });
        return candidate;
      });
    } catch (error) {
      // Two nurses at once: the other one's suspend is in place.
      if (isUniqueViolation(error))
        throw refused(`the alarms of chair ${bay} are suspended already`);
      throw error;
    }
    this.realtime.publishAlarmSuspend({ bay, suspend });
    return suspend;
  }

  /** Ends the chair's suspend, if one runs; audited as the person's or as the alarm's doing. */
  async end(actor: Actor, bay: string, cause: 'person' | 'alarm', now = Date.now()) {
    const ended = await this.unitOfWork.run(async (manager) => {
      const repository = manager.getRepository(AlarmSuspendEntity);
      const row = await repository.findOneBy({ bay });
      if (!row) return false;
      const { affected } = await repository.delete({ bay, startedAt: row.startedAt });
      if (!affected || Date.parse(row.endsAt) <= now) return false;
      await this.audit.append(manager, actor, {
        action: 'alarm-suspend.ended',
        entity: 'bay',
        entityId: bay,
        sessionId: row.sessionId,
        detail: { cause, endsAt: row.endsAt },
      });
      return true;
    });
    if (ended) this.realtime.publishAlarmSuspend({ bay, suspend: null });
  }

  /**
   * After an alert's raise or change: an alarm the chair's suspend does not cover ends it at once.
   * A failure is logged; the sweep judges every suspend again each second.
   */
  async alertChanged(alert: AlertEntity): Promise<void> {
    try {
      const row = await this.dataSource
        .getRepository(AlarmSuspendEntity)
        .findOneBy({ bay: alert.bay });
      if (row && endsSuspend(toSuspend(row), alert))
        await this.end(ALARM_WATCH, alert.bay, 'alarm');
    } catch (error) {
      this.logger.error(
        `ending the suspend of an alarm's chair failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * The suspends in force, judged on the open alerts: one an alarm has ended (which `alertChanged`
   * missed) is ended now and left out.
   */
  async inForce(open: readonly AlertEntity[], now: number): Promise<Map<string, AlarmSuspend>> {
    const suspends = await this.current(now);
    for (const [bay, suspend] of suspends)
      if (!suspendInForce(suspend, open, now)) {
        suspends.delete(bay);
        await this.end(ALARM_WATCH, bay, 'alarm', now);
      }
    return suspends;
  }

  private async monitoredSession(manager: EntityManager, bay: string): Promise<string> {
    const postgres = manager.connection.options.type === 'postgres';
    const [session] = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM infusion_session
       WHERE bay = ${postgres ? '$1' : '?'} AND state IN (${MONITORED_STATES.map((state) => `'${state}'`).join(', ')})
       ORDER BY created_at DESC LIMIT 1`,
      [bay],
    );
    if (!session) throw refused(`no patient is monitored in chair ${bay}`);
    return session.id;
  }
}

function refused(message: string) {
  return conflict('ALARM_SUSPEND_REFUSED', message);
}

function toSuspend(row: AlarmSuspendEntity): AlarmSuspend {
  return {
    bay: row.bay,
    sessionId: row.sessionId,
    reason: row.reason,
    startedBy: row.startedBy,
    startedAt: row.startedAt,
    endsAt: row.endsAt,
  };
}
