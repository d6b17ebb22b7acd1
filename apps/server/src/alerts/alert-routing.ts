import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  alertRecipients,
  type AlertDelivery,
  type AlertRecipient,
  type CareTeam,
  type CareTeamMember,
  type EscalationLevel,
} from '@vigil/shared';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { actorOf, systemPrincipal } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { ClinicianGateway } from '../realtime/clinician.gateway';
import { SessionEntity } from '../sessions/session.entity';
import type { AlertEntity } from './alert.entity';
import { toAlert } from './alert.mapper';
import { AlarmSuspends } from './alarm-suspends';
import { AlertDeliveryEntity } from './alert-delivery.entity';

const ROUTER = actorOf(systemPrincipal('alert-routing'));
/** An unconfirmed sending is repeated this often while the alert stays active. */
const RESEND_MS = 10_000;

/**
 * Sends each active alert to the people its step names (libs/shared alertRecipients), once per
 * person: a row per alert and person, inserted only if absent, so that of two instances routing
 * the same step only one sends it; the sending is audited in the same transaction. A screen's
 * acknowledgement of the event is the receipt. The sweep routes every active alert again, which
 * sends what a crash between an escalation and its sending left unsent, reaches a clinician who
 * came on duty since the last step, and repeats a sending nobody has confirmed.
 */
@Injectable()
export class AlertRouting {
  private readonly logger = new Logger(AlertRouting.name);
  /** When this instance last sent each (alert, person) pair still unconfirmed. */
  private readonly lastSent = new Map<string, number>();
  /** The step at which this instance last routed each alert, so a mere rewrite is not routed. */
  private readonly routedLevel = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly realtime: ClinicianGateway,
    private readonly suspends: AlarmSuspends,
  ) {}

  /** Routes without holding up the caller (the reading or the command that changed the alert). */
  routeSoon(alert: AlertEntity): void {
    if (alert.state !== 'active' || this.routedLevel.get(alert.id) === alert.escalationLevel)
      return;
    void this.routeLogged(alert);
  }

  /** A failed routing is logged and tried again by the next sweep; it never stops the caller. */
  async routeLogged(alert: AlertEntity, now = Date.now()): Promise<void> {
    try {
      await this.route(alert, now);
    } catch (error) {
      this.logger.error(
        `routing alert ${alert.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Sends the active alert to whoever its step names and has not been sent it yet. An alarm its
   * chair's suspend covers is sent to nobody until the suspend ends; the sweep routes it then.
   */
  async route(alert: AlertEntity, now = Date.now()): Promise<void> {
    if (alert.state !== 'active') return;
    // Set before any wait, so that a second routeSoon of the same step is not routed alongside.
    this.routedLevel.set(alert.id, alert.escalationLevel);
    if (await this.suspends.silences(alert, now)) {
      this.routedLevel.delete(alert.id);
      return;
    }
    await this.routeWith(alert, await this.routingReads([alert], now), now);
  }

  /**
   * Routes every alert a sweep found sounding (active, not silenced by a suspend), reading what
   * routing needs once for all of them: the sessions' assignments, the charge nurses on shift,
   * the screens on duty and the sendings so far. Read alert by alert, that was four or five
   * queries an alarm every second, on the event loop: a ward past its capacity, every chair
   * silent and sounding, then spent the sweep's second on them (hazard H-F20). A failure is
   * logged, alert by alert, and the next sweep tries again; it never stops the sweep.
   */
  async routeAllLogged(alerts: readonly AlertEntity[], now: number): Promise<void> {
    const sounding = alerts.filter((alert) => alert.state === 'active');
    if (sounding.length === 0) return;
    // As in route: set before any wait, so that a routeSoon meanwhile does not route alongside.
    for (const alert of sounding) this.routedLevel.set(alert.id, alert.escalationLevel);
    let reads: RoutingReads;
    try {
      reads = await this.routingReads(sounding, now);
    } catch (error) {
      this.logger.error(
        `routing ${sounding.length} alerts failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    for (const alert of sounding) {
      try {
        await this.routeWith(alert, reads, now);
      } catch (error) {
        this.logger.error(
          `routing alert ${alert.id} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  private async routeWith(alert: AlertEntity, reads: RoutingReads, now: number): Promise<void> {
    const level = alert.escalationLevel as EscalationLevel;
    const recipients = alertRecipients(await careTeamOf(reads, alert.sessionId, level), level);
    const known = reads.deliveries.get(alert.id) ?? new Map<string, AlertDeliveryEntity>();
    const missing = recipients.filter((recipient) => !known.has(recipient.userId));
    const sent = missing.length ? await this.recordSent(alert, missing, now) : [];
    for (const recipient of sent) this.send(alert, recipient.userId, recipient.level, now);
    for (const row of known.values())
      if (
        !row.deliveredAt &&
        now - (this.lastSent.get(pairKey(alert.id, row.userId)) ?? Date.parse(row.sentAt)) >=
          RESEND_MS
      )
        this.send(alert, row.userId, row.level, now);
  }

  /** Forgets sendings of alerts no longer active (this instance's memory only). */
  forgetAllBut(activeIds: ReadonlySet<string>): void {
    for (const id of this.routedLevel.keys()) if (!activeIds.has(id)) this.routedLevel.delete(id);
    for (const key of this.lastSent.keys())
      if (!activeIds.has(key.slice(0, key.indexOf('\u0000')))) this.lastSent.delete(key);
  }

  async deliveries(alertId: string): Promise<AlertDelivery[]> {
    const rows = await this.dataSource
      .getRepository(AlertDeliveryEntity)
      .find({ where: { alertId }, order: { level: 'ASC', sentAt: 'ASC', userId: 'ASC' } });
    return rows.map(toDelivery);
  }

  /**
   * The person opened the alert: seen (and so received) now, unless already. Someone it was not
   * routed to who opens it has seen it all the same, at the alert's current step. Audited.
   */
  async markSeen(
    alert: AlertEntity,
    person: CareTeamMember & { username: string },
  ): Promise<AlertDelivery> {
    const at = toIsoTimestamp(Date.now());
    return this.unitOfWork.run(async (manager) => {
      const repository = manager.getRepository(AlertDeliveryEntity);
      const key = { alertId: alert.id, userId: person.userId };
      const existing = await repository.findOneBy(key);
      if (existing?.seenAt) return toDelivery(existing);
      const row: AlertDeliveryEntity = existing
        ? { ...existing, seenAt: at, deliveredAt: existing.deliveredAt ?? at }
        : {
            ...key,
            role: person.role,
            level: alert.escalationLevel as EscalationLevel,
            sentAt: at,
            deliveredAt: at,
            seenAt: at,
          };
      await repository.save(row);
      await this.audit.append(
        manager,
        { actorId: person.userId, actor: person.username, role: person.role },
        {
          action: 'alert.seen',
          entity: 'alert',
          entityId: alert.id,
          sessionId: alert.sessionId,
          detail: { code: alert.code, level: row.level },
        },
      );
      return toDelivery(row);
    });
  }

  private send(alert: AlertEntity, userId: string, level: EscalationLevel, now: number): void {
    this.lastSent.set(pairKey(alert.id, userId), now);
    this.realtime
      .sendRouted(userId, { alert: toAlert(alert), level }, () => {
        void this.recordReceived(alert.id, userId);
      })
      .catch((error: unknown) =>
        this.logger.error(
          `sending alert ${alert.id} failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }

  /** The first acknowledgement from any of the person's screens; later ones change nothing. */
  private async recordReceived(alertId: string, userId: string): Promise<void> {
    this.lastSent.delete(pairKey(alertId, userId));
    try {
      await this.dataSource
        .createQueryBuilder()
        .update(AlertDeliveryEntity)
        .set({ deliveredAt: toIsoTimestamp(Date.now()) })
        .where('alert_id = :alertId AND user_id = :userId AND delivered_at IS NULL', {
          alertId,
          userId,
        })
        .execute();
    } catch (error) {
      this.logger.error(
        `recording the receipt of alert ${alertId} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Inserts a row for each person not yet sent the alert; only the rows this transaction
   * inserted are sent (another instance routing the same step inserted the others).
   */
  private recordSent(
    alert: AlertEntity,
    recipients: readonly AlertRecipient[],
    now: number,
  ): Promise<AlertRecipient[]> {
    const at = toIsoTimestamp(now);
    return this.unitOfWork.run(async (manager) => {
      const inserted: AlertRecipient[] = [];
      for (const recipient of recipients)
        if (await this.insertIfAbsent(manager, alert.id, recipient, at)) inserted.push(recipient);
      if (inserted.length)
        await this.audit.append(manager, ROUTER, {
          action: 'alert.routed',
          entity: 'alert',
          entityId: alert.id,
          sessionId: alert.sessionId,
          detail: {
            code: alert.code,
            level: alert.escalationLevel,
            recipients: inserted.map(({ userId, role, level }) => ({ userId, role, level })),
          },
        });
      return inserted;
    });
  }

  private async insertIfAbsent(
    manager: EntityManager,
    alertId: string,
    recipient: AlertRecipient,
    at: string,
  ): Promise<boolean> {
    const postgres = manager.connection.options.type === 'postgres';
    const p = (n: number) => (postgres ? `$${n}` : '?');
    const rows: unknown[] = await manager.query(
      `INSERT INTO alert_delivery (alert_id, user_id, role, level, sent_at)
       VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [alertId, recipient.userId, recipient.role, recipient.level, at],
    );
    return rows.length > 0;
  }

  /** What routing these alerts reads, in a few queries whatever their number. */
  private async routingReads(alerts: readonly AlertEntity[], now: number): Promise<RoutingReads> {
    const assignments = new Map<string, SessionAssignmentRow>();
    const deliveries = new Map<string, Map<string, AlertDeliveryEntity>>();
    for (const ids of slices([...new Set(alerts.map((alert) => alert.sessionId))])) {
      const rows = await this.dataSource.getRepository(SessionEntity).find({
        select: { id: true, assignedNurseId: true, supervisingPhysicianId: true },
        where: { id: In(ids) },
      });
      for (const { id, ...assignment } of rows) assignments.set(id, assignment);
    }
    for (const ids of slices(alerts.map((alert) => alert.id))) {
      const rows = await this.dataSource
        .getRepository(AlertDeliveryEntity)
        .findBy({ alertId: In(ids) });
      for (const row of rows) {
        const ofAlert = deliveries.get(row.alertId) ?? new Map<string, AlertDeliveryEntity>();
        ofAlert.set(row.userId, row);
        deliveries.set(row.alertId, ofAlert);
      }
    }
    const at = toIsoTimestamp(now);
    const p = (n: number) => (this.dataSource.options.type === 'postgres' ? `$${n}` : '?');
    const charge = await this.dataSource.query<Array<{ userId: string }>>(
      `SELECT DISTINCT user_id AS "userId" FROM charge_nurse_shift
       WHERE starts_at <= ${p(1)} AND ends_at > ${p(2)}`,
      [at, at],
    );
    let onDuty: Promise<CareTeamMember[]> | null = null;
    return {
      assignments,
      deliveries,
      chargeNurseIds: charge.map((row) => row.userId),
      // Asked at most once, and only if a step needs the screens on duty.
      onDuty: () => (onDuty ??= this.realtime.onDuty()),
    };
  }
}

/** Read once for every alert routed together. */
interface RoutingReads {
  assignments: ReadonlyMap<string, SessionAssignmentRow>;
  /** Each alert's sendings so far, by person. */
  deliveries: ReadonlyMap<string, ReadonlyMap<string, AlertDeliveryEntity>>;
  chargeNurseIds: string[];
  onDuty: () => Promise<CareTeamMember[]>;
}

/** Who may be sent the session's alert now; the screens on duty are asked only when needed. */
async function careTeamOf(
  reads: RoutingReads,
  sessionId: string,
  level: EscalationLevel,
): Promise<CareTeam> {
  const session = reads.assignments.get(sessionId);
  const team: CareTeam = {
    assignedNurseId: session?.assignedNurseId ?? null,
    supervisingPhysicianId: session?.supervisingPhysicianId ?? null,
    chargeNurseIds: reads.chargeNurseIds,
    onDuty: [],
  };
  const needsOnDuty = level === 2 || (level === 1 && !team.supervisingPhysicianId);
  return needsOnDuty ? { ...team, onDuty: await reads.onDuty() } : team;
}

/** An IN list's worth at a time: well within either database's limit on parameters. */
function slices<T>(items: readonly T[], size = 500): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );
}

type SessionAssignmentRow = Pick<SessionEntity, 'assignedNurseId' | 'supervisingPhysicianId'>;

function toDelivery(row: AlertDeliveryEntity): AlertDelivery {
  return {
    userId: row.userId,
    role: row.role,
    level: row.level,
    sentAt: row.sentAt,
    ...(row.deliveredAt && { deliveredAt: row.deliveredAt }),
    ...(row.seenAt && { seenAt: row.seenAt }),
  };
}

function pairKey(alertId: string, userId: string): string {
  return `${alertId}\u0000${userId}`;
}
