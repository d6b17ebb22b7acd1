import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  decideAlert,
  type AlertCode,
  type AlertCommand,
  type AlertKind,
  type AlertPriority,
  type AlertRefusal,
} from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { AuditService, queryEachWithAuditHead, type AuditChainHead } from '../audit/audit.service';
import { actorOf, systemPrincipal, type Actor } from '../auth/principal';
import { conflict, type VigilException } from '../common/vigil.exception';
import { toIsoTimestamp } from '../database/columns';
import {
  deferChecked,
  execute,
  isRowsNotAsExpected,
  type SqlRunner,
  type Statement,
} from '../database/sqlite-thread';
import { isUniqueViolation } from '../database/unique-violation';
import { updateReturned } from '../database/update-returning';
import { type OffTheEventLoop, UnitOfWork } from '../database/unit-of-work';
import { AlertMetrics, type AlertWrite } from '../metrics/alert.metrics';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { AlarmSuspends } from './alarm-suspends';
import { AlertEntity } from './alert.entity';
import { AlertRouting } from './alert-routing';
import { toAlert } from './alert.mapper';
import { lockLiveSessionToAppend, sessionOfAlertLock } from './live-session-lock';

export interface AlertSubject {
  id: string;
  bay: string;
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

export type AlertOutcome =
  { changed: AlertEntity } | { refused: AlertRefusal; current: AlertEntity } | { missing: true };

export const ALERT_ENGINE_ACTOR: Actor = actorOf(systemPrincipal('alert-engine'));

/**
 * The one writer of alerts. A raise is an insert that the one-open-alert-per-code index guards;
 * every later change is a command decided by the shared `decideAlert` on the alert as read inside
 * the transaction, then written with `UPDATE … WHERE id = ? AND revision = ?` and its audit
 * entries in the same transaction, and published with its revision after the commit.
 *
 * Locks, always in this order, so that no two writers wait on each other in a circle: the
 * session row (FOR SHARE; ending a session takes it for update), the alert row, the audit chain.
 */
@Injectable()
export class AlertWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly realtime: ClinicianGateway,
    private readonly routing: AlertRouting,
    private readonly suspends: AlarmSuspends,
    private readonly metrics: AlertMetrics,
  ) {}

  /**
   * Opens an alert unless one for the session and code is open already (here or on another
   * instance), or the session has ended: a reading or a timer that lost the race with a discharge
   * or an abort leaves no alert behind on an empty chair.
   */
  async raise(session: AlertSubject, request: RaiseRequest): Promise<AlertEntity | null> {
    const alert = newAlert(session, request);
    try {
      // Off the event loop where it can be: on a SQLite file the raise's statements and its
      // COMMIT's fsync (about 2 ms) would otherwise hold up every reading and screen. There it
      // takes two messages to the writer thread, each waiting for a turn of a busy event loop
      // while the writer's turn is held: the session's state with the chain's head, then the
      // insert and its audit entry with the COMMIT (a raise the index refuses fails there).
      const raised = await this.unitOfWork.runOffTheEventLoop(async (runner) => {
        const { live, auditHead } = await lockLiveSessionToAppend(runner, session.id);
        if (!live) return false;
        await this.insertIn(runner, alert, auditHead);
        return true;
      }, this.alarmWrite('raise'));
      if (!raised) return null;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    this.publishRaised(alert);
    return alert;
  }

  /**
   * After the raise's commit: to every screen of the chair, and routed to its first step; an
   * alarm the chair's suspend does not cover ends it.
   */
  publishRaised(alert: AlertEntity): void {
    this.realtime.publishAlert('alert.raised', toAlert(alert));
    this.routing.routeSoon(alert);
    void this.suspends.alertChanged(alert);
  }

  /**
   * A raise inside the caller's transaction, which has locked the session row already. The
   * statement is built by TypeORM from the entity (its columns and their conversions) and run by
   * whichever runner the transaction has: the server's connection, or the SQLite writer thread,
   * where nothing waits for it (a refusal fails the transaction's next message). The chain's head,
   * if the transaction read it ahead on SQLite, saves its own read.
   */
  async insertIn(
    manager: SqlRunner,
    alert: AlertEntity,
    auditHeadReadAhead?: AuditChainHead,
  ): Promise<void> {
    const [sql, parameters] = this.dataSource
      .createQueryBuilder()
      .insert()
      .into(AlertEntity)
      .values(alert)
      .getQueryAndParameters();
    await execute(manager, [{ sql, parameters }]);
    await this.audit.append(
      manager,
      ALERT_ENGINE_ACTOR,
      {
        action: 'alert.raised',
        entity: 'alert',
        entityId: alert.id,
        sessionId: alert.sessionId,
        detail: { code: alert.code, priority: alert.priority, message: alert.message },
      },
      auditHeadReadAhead,
    );
  }

  /**
   * One command on one alert in its own transaction, off the event loop where it can be (on a
   * SQLite file its COMMIT's fsync held every reading and screen, for each acknowledgement,
   * resolution and escalation); a change is published after the commit. On SQLite it takes two
   * messages to the writer thread: the session's state, the alert and the audit chain's head
   * together, then the update, its audit entries and the COMMIT, where the writer checks that the
   * update changed the row.
   */
  async command(actor: Actor, id: string, command: AlertCommand): Promise<AlertOutcome> {
    let read: AlertEntity | undefined;
    try {
      const outcome = await this.unitOfWork.runOffTheEventLoop(async (runner) => {
        const {
          results: [, rows],
          auditHead,
        } = await queryEachWithAuditHead(runner, [
          sessionOfAlertLock(runner, id),
          this.alertsLock(runner, { id }),
        ]);
        [read] = this.hydrated(rows as AlertRows);
        if (!read) return { missing: true } as const;
        return this.commandIn(runner, actor, read, command, { auditHead, checkWithCommit: true });
      }, this.alarmWrite('command'));
      if ('changed' in outcome) this.publish(outcome.changed);
      return outcome;
    } catch (error) {
      if (read && isRowsNotAsExpected(error)) throw changedWhileWritten(read);
      throw error;
    }
  }

  /**
   * One command inside the caller's transaction, on the alert as read (and locked) in it. The
   * caller publishes what changed after its commit. With `checkWithCommit`, where the runner can,
   * the update travels with the transaction's next message and a row it did not change fails the
   * transaction (`isRowsNotAsExpected`) instead of being read back here: the caller, who commits,
   * tells the conflict.
   */
  async commandIn(
    manager: SqlRunner,
    actor: Actor,
    current: AlertEntity,
    command: AlertCommand,
    { auditHead, checkWithCommit = false }: CommandReadAhead = {},
  ): Promise<Exclude<AlertOutcome, { missing: true }>> {
    const decision = decideAlert(toAlert(current), command);
    if (decision.outcome === 'refused') return { refused: decision.refusal, current };
    const revision = current.revision + 1;
    const [sql, parameters] = this.dataSource
      .createQueryBuilder()
      .update(AlertEntity)
      .set({ ...decision.changes, revision })
      .where({ id: current.id, revision: current.revision })
      .getQueryAndParameters();
    const checkedLater =
      checkWithCommit && deferChecked(manager, () => [{ sql, parameters, expectChanges: 1 }]);
    if (!checkedLater) {
      const written = await manager.query<unknown>(`${sql} RETURNING id`, parameters);
      // The row is locked for this transaction, so this is a write that bypassed the writer.
      if (updateReturned(manager.connection.options.type, written).length === 0)
        throw changedWhileWritten(current);
    }
    await this.audit.appendAll(
      manager,
      decision.audit.map(({ action, detail }) => ({
        actor,
        event: {
          action,
          entity: 'alert',
          entityId: current.id,
          sessionId: current.sessionId,
          detail,
        },
      })),
      auditHead,
    );
    return { changed: { ...current, ...decision.changes, revision } };
  }

  /**
   * Every open alert of the session, resolved for the reason, inside the caller's transaction
   * (which holds the session row for update). Returns them resolved, to publish after the commit.
   */
  async resolveOpenIn(
    manager: SqlRunner,
    actor: Actor,
    sessionId: string,
    at: string,
    reason: 'session-ended',
  ): Promise<AlertEntity[]> {
    const open = await this.lockAlerts(manager, {
      sessionId,
      state: In(['active', 'acknowledged']),
    });
    const resolved: AlertEntity[] = [];
    for (const alert of open) {
      const outcome = await this.commandIn(manager, actor, alert, {
        type: 'resolve',
        at,
        reason,
      });
      if ('changed' in outcome) resolved.push(outcome.changed);
    }
    return resolved;
  }

  /** The open alert of the session and code, locked for this transaction. */
  async lockOpen(
    manager: SqlRunner,
    sessionId: string,
    code: AlertCode,
  ): Promise<AlertEntity | null> {
    const [open] = await this.lockAlerts(manager, {
      sessionId,
      code,
      state: In(['active', 'acknowledged']),
    });
    return open ?? null;
  }

  /** An alarm's write: first to the writer's turn, and timed for operators. */
  private alarmWrite(write: AlertWrite): OffTheEventLoop {
    return {
      priority: 'alarm',
      timed: (turnMs, transactionMs) => this.metrics.recordWrite(write, turnMs, transactionMs),
    };
  }

  /**
   * After a change's commit; an escalated or reactivated alert is routed to its step, and one
   * upgraded past the chair's suspend ends it.
   */
  publish(alert: AlertEntity): void {
    this.realtime.publishAlert('alert.updated', toAlert(alert));
    this.routing.routeSoon(alert);
    void this.suspends.alertChanged(alert);
  }

  /** The alerts found, locked for this transaction (`alertsLock`). */
  private async lockAlerts(
    manager: SqlRunner,
    where: Record<string, unknown>,
  ): Promise<AlertEntity[]> {
    const { sql, parameters } = this.alertsLock(manager, where);
    return this.hydrated(await manager.query<AlertRows>(sql, parameters));
  }

  /**
   * SQLite's writers take turns already; PostgreSQL's lock the rows they will decide on. Built by
   * TypeORM, for whichever runner the transaction has (the server's connection, or the SQLite
   * writer thread).
   */
  private alertsLock(manager: SqlRunner, where: Record<string, unknown>): Statement {
    const query = this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder(ALIAS)
      .where(where)
      .orderBy(`${ALIAS}.raisedAt`, 'ASC');
    if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
    const [sql, parameters] = query.getQueryAndParameters();
    return { sql, parameters };
  }

  /** Rows of `alertsLock`, read back through the driver's conversions. */
  private hydrated(rows: AlertRows): AlertEntity[] {
    const { columns } = this.dataSource.getMetadata(AlertEntity);
    const { driver } = this.dataSource;
    return rows.map((row) => {
      const alert: Record<string, unknown> = {};
      for (const column of columns) {
        alert[column.propertyName] = driver.prepareHydratedValue(
          row[`${ALIAS}_${column.databaseName}`],
          column,
        );
      }
      return alert as unknown as AlertEntity;
    });
  }
}

/** What a command's transaction read ahead on SQLite, and how it may check its update. */
interface CommandReadAhead {
  auditHead?: AuditChainHead;
  checkWithCommit?: boolean;
}

type AlertRows = Array<Record<string, unknown>>;

function changedWhileWritten({ id, revision }: AlertEntity): VigilException {
  return conflict('ALERT_STATE_CONFLICT', `alert ${id} changed while being written`, { revision });
}

const ALIAS = 'alert';

export function newAlert(session: AlertSubject, request: RaiseRequest): AlertEntity {
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
    acknowledgedFrom: null,
    acknowledgeNote: null,
    resolvedAt: null,
    resolvedReason: null,
    escalationLevel: 0,
    remindedAt: null,
    revision: 0,
  };
}
