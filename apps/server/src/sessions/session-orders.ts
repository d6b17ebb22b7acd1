import { Injectable } from '@nestjs/common';
import {
  infusionPlan,
  orderedConcentration,
  type Order,
  type Session,
  type SessionOrder,
} from '@vigil/shared';
import type { Actor } from '../auth/principal';
import { conflict } from '../common/vigil.exception';
import { toIsoTimestamp } from '../database/columns';
import { PatientsService } from '../patients/patients.service';
import { OrderSignatureNotices } from './order-signature-notices';
import type { SessionEntity } from './session.entity';
import { SessionRecords } from './session-records';
import { SessionWriter } from './session-writer';

/** The dose is a physician's order, signed before the start. */
@Injectable()
export class SessionOrders {
  constructor(
    private readonly patients: PatientsService,
    private readonly records: SessionRecords,
    private readonly writer: SessionWriter,
    private readonly notices: OrderSignatureNotices,
  ) {}

  /**
   * A physician signs the order (the dose and the planned duration, which they may change) before
   * the infusion starts; a session a nurse scheduled cannot start without it.
   */
  async signOrder(actor: Actor, id: string, input: Order): Promise<Session> {
    const session = await this.records.getEntity(id);
    if (session.state !== 'scheduled' && session.state !== 'assessed') {
      throw conflict(
        'SESSION_STATE_CONFLICT',
        `an order is signed before the infusion starts; this session is ${session.state}`,
        { state: session.state },
      );
    }
    const patient = (await this.patients.getEntities([session.patientId])).get(session.patientId);
    const now = toIsoTimestamp(Date.now());
    const order = signedOrder(actor, input, now);
    const signed = await this.writer.write(actor, session, {
      changes: {
        order,
        doseMgPerKg: input.doseMgPerKg,
        totalDoseMg: totalDose(input.doseMgPerKg, patient?.weightKg ?? 0),
        plannedDurationMin: input.plannedDurationMin,
        durationOverride: input.durationOverrideReason
          ? { reason: input.durationOverrideReason, by: actor.actor, at: now }
          : null,
      },
      audit: {
        action: 'session.order',
        detail: {
          doseMgPerKg: input.doseMgPerKg,
          plannedDurationMin: input.plannedDurationMin,
          concentrationMgPerMl: input.concentrationMgPerMl,
          ...(input.highDoseReason && { highDoseReason: input.highDoseReason }),
          ...(input.durationOverrideReason && {
            durationOverrideReason: input.durationOverrideReason,
          }),
        },
      },
    });
    // A re-signed order was never waiting; only the first signature ends a notice.
    if (!session.order) this.notices.signed(signed, actor.actor);
    return signed;
  }
}

export function totalDose(doseMgPerKg: number, weightKg: number): number {
  return Math.round(doseMgPerKg * weightKg * 10) / 10;
}

/** The order's pump rate: the total dose at its concentration over the planned duration. */
export function orderedRate(session: SessionEntity): number {
  return infusionPlan(
    session.totalDoseMg,
    session.plannedDurationMin,
    orderedConcentration(session.order),
  ).rateMlPerH;
}

export function signedOrder(
  actor: Actor,
  input: Pick<
    Order,
    'doseMgPerKg' | 'plannedDurationMin' | 'concentrationMgPerMl' | 'highDoseReason'
  >,
  at: string,
): SessionOrder {
  return {
    doseMgPerKg: input.doseMgPerKg,
    plannedDurationMin: input.plannedDurationMin,
    concentrationMgPerMl: input.concentrationMgPerMl,
    ...(input.highDoseReason && { highDoseReason: input.highDoseReason }),
    signedBy: actor.actor,
    ...(actor.displayName && { signedByName: actor.displayName }),
    signedAt: at,
  };
}
