import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  alertMessage,
  clinicalAlertMessage,
  DEFAULT_THRESHOLD_PROFILE,
  effectiveRule,
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
import { conflict, notFound } from '../common/vigil.exception';
import { actorOf, systemPrincipal, type Actor } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import {
  ThresholdProfilesService,
  type SessionLimitsSource,
} from '../threshold-profiles/threshold-profiles.service';
import { AlertEngine, type EngineEvent } from './alert-engine';
import { AlertEntity } from './alert.entity';
import { toAlert } from './alert.mapper';
import { LiveAlertMessages, type ShownCondition } from './live-alert-messages';
import { lockLiveSession } from './live-session-lock';

const OPEN_STATES: AlertState[] = ['active', 'acknowledged'];

/** An acknowledged alert made news again: it must be acknowledged anew. */
const reactivated = {
  state: 'active',
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgeNote: null,
  remindedAt: null,
} satisfies Partial<AlertEntity>;

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
  private readonly live = new LiveAlertMessages();
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
      this.trackLive(alert);
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
    const due = this.live.observe(
      session.id,
      samples,
      rules.rules,
      profile.signalLossS,
      Date.now(),
    );
    if (due.length > 0)
      void this.enqueue(session.id, async () => {
        for (const shown of due) await this.refresh(shown);
      });
  }

  /**
   * A clinical alert (a severe side effect), inside the transaction that records the event, so the
   * event and its alert commit together or not at all: high priority, open until acknowledged.
   * Take the session's lock (lockLiveSession FOR UPDATE) first in that transaction. A second
   * event while the alert is still open is not swallowed: the open alert counts it (its `value` is
   * the number of severe events it stands for) and names it in its message, becomes active again
   * if it had been acknowledged, and every screen is told again. Run the returned function after
   * the commit.
   */
  async raiseClinicalIn(
    manager: EntityManager,
    session: AlertSubject,
    code: AlertCode,
    event: string,
    at: number,
  ): Promise<() => void> {
    const open = await manager
      .getRepository(AlertEntity)
      .findOneBy({ sessionId: session.id, code, state: In(OPEN_STATES) });
    if (!open) {
      const alert = this.newAlert(session, {
        kind: 'clinical',
        code,
        priority: 'high',
        value: 1,
        threshold: null,
        message: clinicalAlertMessage(event),
        at,
      });
      await this.insertIn(manager, alert);
      return () => this.realtime.publishAlert('alert.raised', toAlert(alert));
    }
    const count = (open.value ?? 1) + 1;
    const changes: Partial<AlertEntity> = {
      value: count,
      message: clinicalAlertMessage(event, count),
      ...reactivated,
    };
    await manager.update(AlertEntity, { id: open.id }, changes);
    await this.audit.append(manager, this.system, {
      action: 'alert.repeated',
      entity: 'alert',
      entityId: open.id,
      sessionId: session.id,
      detail: { code, message: changes.message, reactivated: open.state === 'acknowledged' },
    });
    return () => this.realtime.publishAlert('alert.updated', toAlert({ ...open, ...changes }));
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
    const found = await this.dataSource.getRepository(AlertEntity).findOneBy({ id });
    if (!found) throw notFound(`alert ${id} not found`);
    if (found.state === 'resolved')
      throw conflict('ALERT_STATE_CONFLICT', `alert ${id} is resolved`, { state: found.state });
    if (found.state === 'acknowledged') return toAlert(found);
    const acknowledgement = {
      state: 'acknowledged' as const,
      acknowledgedAt: toIsoTimestamp(now),
      acknowledgedBy: actor.actor,
      acknowledgeNote: note ?? null,
    };
    const alert = await this.unitOfWork.run(async (manager) => {
      // Conditional: of two acknowledgements (or one racing with the end of the session) one
      // counts, and a clinical alert closes in the same transaction, never left half-done.
      const result = await manager.update(AlertEntity, { id, state: 'active' }, acknowledgement);
      if (!result.affected) return null;
      await this.audit.append(manager, actor, {
        action: 'alert.acknowledged',
        entity: 'alert',
        entityId: id,
        sessionId: found.sessionId,
        detail: { code: found.code, priority: found.priority, note: note ?? null },
      });
      const acknowledged = { ...found, ...acknowledgement };
      // A clinical alert has no condition to clear; a physiological one may have cleared already.
      if (found.kind !== 'clinical') return acknowledged;
      const [resolved] = await this.resolveIn(
        manager,
        actor,
        [acknowledged],
        toIsoTimestamp(now),
        'acknowledged',
      );
      return resolved;
    });
    if (!alert) return this.acknowledge(actor, id, note);
    this.realtime.publishAlert('alert.updated', toAlert(alert));
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
    const alert = this.newAlert(session, request);
    try {
      const raised = await this.unitOfWork.run(async (manager) => {
        if (!(await lockLiveSession(manager, session.id, 'FOR SHARE'))) return false;
        await this.insertIn(manager, alert);
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

  private newAlert(session: AlertSubject, request: RaiseRequest): AlertEntity {
    return {
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
  }

  private async insertIn(manager: EntityManager, alert: AlertEntity): Promise<void> {
    await manager.insert(AlertEntity, alert);
    await this.audit.append(manager, this.system, {
      action: 'alert.raised',
      entity: 'alert',
      entityId: alert.id,
      sessionId: alert.sessionId,
      detail: { code: alert.code, priority: alert.priority, message: alert.message },
    });
  }

  /** Closes an open alert (once, whichever instance gets there first). */
  async resolve(alert: AlertEntity, at: number, reason: AlertResolvedReason): Promise<void> {
    const resolved = await this.unitOfWork.run((manager) =>
      this.resolveIn(manager, this.system, [alert], toIsoTimestamp(at), reason),
    );
    for (const closed of resolved) this.realtime.publishAlert('alert.updated', toAlert(closed));
    if (PHYSIOLOGICAL.has(alert.code))
      this.live.untrack(alert.sessionId, alert.code as PhysiologicalCode);
  }

  /**
   * Brings an open alert's message (and value) up to date with its condition, and tells every
   * screen. Not audited: the raise, upgrades and resolution are, and the readings themselves are
   * stored; this is what the words on the screen say in between.
   */
  async refresh(shown: ShownCondition): Promise<void> {
    const { id, ...changes } = shown;
    const result = await this.dataSource
      .createQueryBuilder()
      .update(AlertEntity)
      .set(changes)
      .where('id = :id', { id })
      .andWhere("state <> 'resolved'")
      .execute();
    if (!result.affected) return;
    const alert = await this.dataSource.getRepository(AlertEntity).findOneBy({ id });
    if (alert?.state !== 'resolved' && alert)
      this.realtime.publishAlert('alert.updated', toAlert(alert));
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
    await lockLiveSession(manager, sessionId, 'FOR UPDATE');
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
      this.live.forget(sessionId);
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
        if (raised) this.trackLive(raised);
        else await this.upgradeOpen(session, code, event.priority, event.value, event.threshold);
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
    const worst = this.live.worst(session.id, code as PhysiologicalCode, value);
    const changes: Partial<AlertEntity> = {
      priority,
      value: worst,
      threshold,
      message: alertMessage(code as PhysiologicalCode, value, threshold, worst),
      ...(open.state === 'acknowledged' && reactivated),
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
    const upgraded = { ...open, ...changes };
    this.trackLive(upgraded);
    this.realtime.publishAlert('alert.updated', toAlert(upgraded));
  }

  private trackLive(alert: AlertEntity | Alert): void {
    this.live.track(
      {
        id: alert.id,
        sessionId: alert.sessionId,
        code: alert.code as PhysiologicalCode,
        value: alert.value ?? 0,
        threshold: alert.threshold ?? 0,
      },
      Date.now(),
    );
  }

  /**
   * Keeps the rule state here in step with alerts that another instance opened, acknowledged or
   * closed, so that whichever instance receives a session's readings can carry its alerts on.
   */
  private followOtherInstance(alert: Alert): void {
    const { sessionId } = alert;
    if (alert.resolvedReason === 'session-ended') {
      this.engine.forget(sessionId);
      this.live.forget(sessionId);
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
    if (alert.state === 'resolved') {
      this.engine.release(sessionId, code);
      this.live.untrack(sessionId, code);
      return;
    }
    this.trackLive(alert);
    if (alert.state === 'active') this.engine.adopt(sessionId, code, open, Date.now());
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
