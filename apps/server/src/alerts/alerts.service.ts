import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  alertMessage,
  DEFAULT_THRESHOLD_PROFILE,
  effectiveRule,
  isLiveSession,
  type Assessment,
  type Alert,
  type AlertCode,
  type AlertKind,
  type AlertPriority,
  type AlertResolvedReason,
  type AlertState,
  type PhysiologicalCode,
  type SourcedVitalSample,
} from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import type { Subscription } from 'rxjs';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { actorOf, systemPrincipal, type Actor } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { SessionEntity } from '../sessions/session.entity';
import {
  ThresholdProfilesService,
  type SessionLimitsSource,
} from '../threshold-profiles/threshold-profiles.service';
import { AlertEngine, type EngineEvent } from './alert-engine';
import { AlertEntity } from './alert.entity';
import { toAlert } from './alert.mapper';

const OPEN_STATES: AlertState[] = ['active', 'acknowledged'];

export interface AlertSubject {
  id: string;
  bay: string;
}

/** A session as the rules see it: its limits in force, and its baseline for relative limits. */
export interface ObservedSession extends AlertSubject, SessionLimitsSource {
  thresholdProfileId: string;
  assessment: Assessment | null;
}

export interface RaiseRequest {
  kind: AlertKind;
  code: AlertCode;
  priority: AlertPriority;
  value: number | null;
  threshold: number | null;
  message: string;
  at: number;
}

export interface AlertFilter {
  state?: AlertState;
  sessionId?: string;
  priority?: AlertPriority;
}

const PHYSIOLOGICAL: ReadonlySet<string> = new Set(
  DEFAULT_THRESHOLD_PROFILE.rules.map((rule) => rule.code),
);

/**
 * Turns readings and clinical facts into alerts: the rules run in memory (AlertEngine); each
 * raise, upgrade, acknowledgement and resolution is then stored with its audit entry and pushed to
 * clinicians. Writes for one session go one after another, so its alerts change in order.
 */
@Injectable()
export class AlertsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertsService.name);
  private readonly engine = new AlertEngine();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly system: Actor = actorOf(systemPrincipal('alert-engine'));
  private otherInstances: Subscription | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly realtime: ClinicianGateway,
    private readonly profiles: ThresholdProfilesService,
  ) {}

  /** Open alerts survive a restart: the engine takes them up again. */
  async onApplicationBootstrap(): Promise<void> {
    this.otherInstances = this.realtime.alertsFromOtherInstances.subscribe((alert) =>
      this.followOtherInstance(alert),
    );
    const open = await this.dataSource
      .getRepository(AlertEntity)
      .find({ where: [{ state: 'active' }, { state: 'acknowledged' }] });
    for (const alert of open) {
      if (!PHYSIOLOGICAL.has(alert.code)) continue;
      this.engine.adopt(
        alert.sessionId,
        alert.code as PhysiologicalCode,
        {
          priority: alert.priority,
          value: alert.value ?? 0,
          threshold: alert.threshold ?? 0,
          acknowledged: alert.state === 'acknowledged',
        },
        Date.now(),
      );
    }
  }

  onModuleDestroy(): void {
    this.otherInstances?.unsubscribe();
  }

  /** Called with readings already stored; returns at once, the alert writes follow. */
  observe(session: ObservedSession, samples: readonly SourcedVitalSample[]): void {
    const profile = this.profiles.limitsFor(session);
    const baseline = session.assessment?.baseline ?? null;
    const rules = { ...profile, rules: profile.rules.map((rule) => effectiveRule(rule, baseline)) };
    const events = this.engine.evaluate(session.id, samples, rules);
    if (events.length > 0)
      void this.enqueue(session.id, () => this.applyEngineEvents(session, events));
  }

  /** A clinical alert (a severe side effect): high priority, latched until acknowledged. */
  raiseClinical(session: AlertSubject, code: AlertCode, detail: string): Promise<void> {
    return this.enqueue(session.id, () =>
      this.raise(session, {
        kind: 'clinical',
        code,
        priority: 'high',
        value: null,
        threshold: null,
        message: alertMessage(code, null, null, detail),
        at: Date.now(),
      }).then(() => undefined),
    );
  }

  async list(filter: AlertFilter): Promise<Alert[]> {
    const query = this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('alert')
      .orderBy('alert.raisedAt', 'DESC')
      .limit(1000);
    if (filter.state) query.andWhere('alert.state = :state', { state: filter.state });
    if (filter.sessionId)
      query.andWhere('alert.sessionId = :sessionId', { sessionId: filter.sessionId });
    if (filter.priority)
      query.andWhere('alert.priority = :priority', { priority: filter.priority });
    return (await query.getMany()).map(toAlert);
  }

  countOpen(
    sessionId: string,
    priority: AlertPriority,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    return manager
      .getRepository(AlertEntity)
      .createQueryBuilder('alert')
      .where('alert.sessionId = :sessionId', { sessionId })
      .andWhere('alert.priority = :priority', { priority })
      .andWhere("alert.state <> 'resolved'")
      .getCount();
  }

  async acknowledge(actor: Actor, id: string, note: string | undefined): Promise<Alert> {
    const now = Date.now();
    const alert = await this.dataSource.getRepository(AlertEntity).findOneBy({ id });
    if (!alert) throw new NotFoundException(`alert ${id} not found`);
    if (alert.state === 'resolved') throw new ConflictException(`alert ${id} is resolved`);
    if (alert.state === 'acknowledged') return toAlert(alert);
    Object.assign(alert, {
      state: 'acknowledged',
      acknowledgedAt: toIsoTimestamp(now),
      acknowledgedBy: actor.actor,
      acknowledgeNote: note ?? null,
    });
    await this.unitOfWork.run(async (manager) => {
      await manager.update(
        AlertEntity,
        { id },
        {
          state: alert.state,
          acknowledgedAt: alert.acknowledgedAt,
          acknowledgedBy: alert.acknowledgedBy,
          acknowledgeNote: alert.acknowledgeNote,
        },
      );
      await this.audit.append(manager, actor, {
        action: 'alert.acknowledged',
        entity: 'alert',
        entityId: id,
        sessionId: alert.sessionId,
        detail: { code: alert.code, priority: alert.priority, note: note ?? null },
      });
    });
    this.realtime.publishAlert('alert.updated', toAlert(alert));
    // A clinical alert has no condition to clear; a physiological one may have cleared already.
    if (alert.kind === 'clinical') await this.resolve(alert, now, 'acknowledged');
    if (PHYSIOLOGICAL.has(alert.code)) {
      const events = this.engine.acknowledge(alert.sessionId, alert.code as PhysiologicalCode, now);
      if (events.length)
        await this.applyEngineEvents(
          { id: alert.sessionId, bay: alert.bay },
          events,
          'acknowledged',
        );
    }
    const current = await this.dataSource.getRepository(AlertEntity).findOneByOrFail({ id });
    return toAlert(current);
  }

  /**
   * Opens an alert unless one for the session and code is open already (here or on another
   * instance), or the session has ended: a reading or a timer that lost the race with a discharge
   * or an abort leaves no alert behind on an empty chair.
   */
  async raise(session: AlertSubject, request: RaiseRequest): Promise<AlertEntity | null> {
    const alert: AlertEntity = {
      id: randomUUID(),
      sessionId: session.id,
      bay: session.bay,
      kind: request.kind,
      code: request.code,
      priority: request.priority,
      state: 'active',
      message: request.message,
      value: request.value,
      threshold: request.threshold,
      raisedAt: toIsoTimestamp(request.at),
      acknowledgedAt: null,
      acknowledgedBy: null,
      acknowledgeNote: null,
      resolvedAt: null,
      resolvedReason: null,
      escalationLevel: 0,
      remindedAt: null,
    };
    try {
      const raised = await this.unitOfWork.run(async (manager) => {
        if (!(await this.isLive(manager, session.id, 'FOR SHARE'))) return false;
        await manager.insert(AlertEntity, alert);
        await this.audit.append(manager, this.system, {
          action: 'alert.raised',
          entity: 'alert',
          entityId: alert.id,
          sessionId: session.id,
          detail: { code: alert.code, priority: alert.priority, message: alert.message },
        });
        return true;
      });
      if (!raised) return null;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    this.realtime.publishAlert('alert.raised', toAlert(alert));
    return alert;
  }

  /** Closes an open alert (once, whichever instance gets there first). */
  async resolve(alert: AlertEntity, at: number, reason: AlertResolvedReason): Promise<void> {
    const resolved = await this.unitOfWork.run((manager) =>
      this.resolveIn(manager, this.system, [alert], toIsoTimestamp(at), reason),
    );
    for (const closed of resolved) this.realtime.publishAlert('alert.updated', toAlert(closed));
  }

  /**
   * The session has ended (discharged, aborted): inside the caller's transaction, every open
   * alert of the session is resolved with reason `session-ended` and audited. Call it after the
   * session's own row is written (it locks that row, so a raise racing with the end either
   * commits first and is resolved here, or waits and then finds the session ended). Run the
   * returned function after the commit: it tells every screen and instance, and drops the
   * session's rule state so nothing of it sounds, reminds or escalates again.
   */
  async resolveForEndedSession(
    manager: EntityManager,
    actor: Actor,
    sessionId: string,
    at: string,
  ): Promise<() => void> {
    await this.isLive(manager, sessionId, 'FOR UPDATE');
    const open = await manager
      .getRepository(AlertEntity)
      .findBy({ sessionId, state: In(OPEN_STATES) });
    const resolved = await this.resolveIn(
      manager,
      actor,
      open,
      toIsoTimestamp(at),
      'session-ended',
    );
    return () => {
      this.engine.forget(sessionId);
      for (const alert of resolved) this.realtime.publishAlert('alert.updated', toAlert(alert));
    };
  }

  findOpen(sessionId: string, code: AlertCode): Promise<AlertEntity | null> {
    return this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('alert')
      .where('alert.sessionId = :sessionId', { sessionId })
      .andWhere('alert.code = :code', { code })
      .andWhere("alert.state <> 'resolved'")
      .getOne();
  }

  /** Resolves those of the alerts still open, each with its audit entry; returns them resolved. */
  private async resolveIn(
    manager: EntityManager,
    actor: Actor,
    alerts: AlertEntity[],
    resolvedAt: string,
    resolvedReason: AlertResolvedReason,
  ): Promise<AlertEntity[]> {
    if (alerts.length === 0) return [];
    // Locked first, so that of two instances closing the same alert only one audits it.
    const stillOpen = manager
      .getRepository(AlertEntity)
      .createQueryBuilder('alert')
      .select('alert.id', 'id')
      .where({ id: In(alerts.map((alert) => alert.id)), state: In(OPEN_STATES) });
    if (manager.connection.options.type === 'postgres') stillOpen.setLock('pessimistic_write');
    const ids = new Set((await stillOpen.getRawMany<{ id: string }>()).map((row) => row.id));
    if (ids.size === 0) return [];
    await manager.update(
      AlertEntity,
      { id: In([...ids]) },
      { state: 'resolved', resolvedAt, resolvedReason },
    );
    const resolved = alerts
      .filter((alert) => ids.has(alert.id))
      .map((alert) => ({ ...alert, state: 'resolved' as const, resolvedAt, resolvedReason }));
    await this.audit.appendAll(
      manager,
      resolved.map((alert) => ({
        actor,
        event: {
          action: 'alert.resolved',
          entity: 'alert',
          entityId: alert.id,
          sessionId: alert.sessionId,
          detail: { code: alert.code, reason: resolvedReason },
        },
      })),
    );
    return resolved;
  }

  /**
   * Whether the session still occupies its chair, read with a row lock on PostgreSQL (SQLite's
   * writers take turns already) so that ending a session and raising one of its alerts are
   * ordered: FOR SHARE for a raise, FOR UPDATE for the end.
   */
  private async isLive(
    manager: EntityManager,
    sessionId: string,
    lock: 'FOR SHARE' | 'FOR UPDATE',
  ): Promise<boolean> {
    const postgres = manager.connection.options.type === 'postgres';
    const [row] = await manager.query<Array<{ state: SessionEntity['state'] }>>(
      postgres
        ? `SELECT state FROM infusion_session WHERE id = $1 ${lock}`
        : 'SELECT state FROM infusion_session WHERE id = ?',
      [sessionId],
    );
    return row !== undefined && isLiveSession(row.state);
  }

  private async applyEngineEvents(
    session: AlertSubject,
    events: EngineEvent[],
    resolvedReason: AlertResolvedReason = 'cleared',
  ): Promise<void> {
    for (const { code, event } of events) {
      if (event.type === 'raise') {
        const raised = await this.raise(session, {
          kind: 'physiological',
          code,
          priority: event.priority,
          value: event.value,
          threshold: event.threshold,
          message: alertMessage(code, event.value, event.threshold),
          at: event.at,
        });
        if (!raised)
          await this.upgradeOpen(session, code, event.priority, event.value, event.threshold);
        continue;
      }
      if (event.type === 'upgrade') {
        await this.upgradeOpen(session, code, event.priority, event.value, event.threshold);
        continue;
      }
      const open = await this.findOpen(session.id, code);
      if (open) await this.resolve(open, event.at, resolvedReason);
    }
  }

  /**
   * A worse value raises the open alert's priority; it never opens a second alert. An alert
   * acknowledged at the milder priority becomes active again: the worse condition is news to
   * whoever acknowledged it (their acknowledgement stays in the audit trail).
   */
  private async upgradeOpen(
    session: AlertSubject,
    code: AlertCode,
    priority: AlertPriority,
    value: number,
    threshold: number,
  ): Promise<void> {
    const open = await this.findOpen(session.id, code);
    if (!open || (open.priority === 'high' && priority !== 'high') || open.priority === priority)
      return;
    const changes: Partial<AlertEntity> = {
      priority,
      value,
      threshold,
      message: alertMessage(code, value, threshold),
      ...(open.state === 'acknowledged' && {
        state: 'active',
        acknowledgedAt: null,
        acknowledgedBy: null,
        acknowledgeNote: null,
        remindedAt: null,
      }),
    };
    await this.unitOfWork.run(async (manager) => {
      await manager.update(AlertEntity, { id: open.id }, changes);
      await this.audit.append(manager, this.system, {
        action: 'alert.upgraded',
        entity: 'alert',
        entityId: open.id,
        sessionId: session.id,
        detail: {
          code,
          from: open.priority,
          to: priority,
          value,
          reactivated: open.state === 'acknowledged',
        },
      });
    });
    this.realtime.publishAlert('alert.updated', toAlert({ ...open, ...changes }));
  }

  /**
   * Keeps the rule state here in step with alerts that another instance opened, acknowledged or
   * closed, so that whichever instance receives a session's readings can carry its alerts on.
   */
  private followOtherInstance(alert: Alert): void {
    const { sessionId } = alert;
    if (alert.resolvedReason === 'session-ended') {
      this.engine.forget(sessionId);
      return;
    }
    if (!PHYSIOLOGICAL.has(alert.code)) return;
    const code = alert.code as PhysiologicalCode;
    const open = {
      priority: alert.priority,
      value: alert.value ?? 0,
      threshold: alert.threshold ?? 0,
      acknowledged: false,
    };
    if (alert.state === 'resolved') this.engine.release(sessionId, code);
    else if (alert.state === 'active') this.engine.adopt(sessionId, code, open, Date.now());
    else
      void this.enqueue(sessionId, async () => {
        const events = this.engine.acknowledgedElsewhere(sessionId, code, open, Date.now());
        if (events.length)
          await this.applyEngineEvents({ id: sessionId, bay: alert.bay }, events, 'acknowledged');
      });
  }

  private enqueue(sessionId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(sessionId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((error: unknown) =>
        this.logger.error(
          `alert write failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    this.queues.set(sessionId, next);
    void next.finally(() => {
      if (this.queues.get(sessionId) === next) this.queues.delete(sessionId);
    });
    return next;
  }
}
