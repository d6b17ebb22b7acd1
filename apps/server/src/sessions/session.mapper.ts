import {
  allowedSessionActions,
  deliveredMg,
  estimatedDeliveredMg,
  infusionElapsedMs,
  infusionPlan,
  orderedConcentration,
  patientInitials,
  roundMg,
  type LatestVitals,
  type PumpEvent,
  type Session,
} from '@vigil/shared';
import type { PatientEntity } from '../patients/patient.entity';
import type { SessionEntity } from './session.entity';

/** The session as the contract shows it. */
export function toSession(
  entity: SessionEntity,
  patient: PatientEntity | undefined,
  latestVitals: LatestVitals,
  now: number,
  pumpEvents: PumpEvent[],
): Session {
  const concentration = orderedConcentration(entity.order);
  return {
    id: entity.id,
    patientId: entity.patientId,
    patient: {
      id: entity.patientId,
      initials: patient ? patientInitials(patient.displayName) : '?',
      displayName: patient?.displayName ?? '?',
      mrn: patient?.mrn ?? '?',
      birthDate: patient?.birthDate ?? null,
    },
    bay: entity.bay,
    indication: entity.indication,
    doseMgPerKg: entity.doseMgPerKg,
    totalDoseMg: entity.totalDoseMg,
    plannedDurationMin: entity.plannedDurationMin,
    order: entity.order,
    infusionPlan: infusionPlan(entity.totalDoseMg, entity.plannedDurationMin, concentration),
    pumpEvents,
    deliveredMg:
      pumpEvents.length > 0
        ? roundMg(deliveredMg(pumpEvents, concentration, now))
        : estimatedDeliveredMg(entity, patient?.weightKg ?? 0, entity, now),
    durationOverride: entity.durationOverride,
    thresholdProfileId: entity.thresholdProfileId,
    assignedNurseId: entity.assignedNurseId,
    supervisingPhysicianId: entity.supervisingPhysicianId,
    state: entity.state,
    revision: entity.revision,
    createdAt: entity.createdAt,
    scheduledAt: entity.scheduledAt,
    startedAt: entity.startedAt,
    endedAt: entity.endedAt,
    pausedMs: entity.pausedMs,
    pausedAt: entity.pausedAt,
    elapsedMin: Math.round((infusionElapsedMs(entity, now) / 60_000) * 10) / 10,
    latestVitals,
    assessment: entity.assessment,
    override: entity.override,
    allowedActions: allowedSessionActions(entity.state),
  };
}

/**
 * The search as the audit trail keeps it. The patient text (a name or an MRN) is withheld: the
 * trail names patients only by id, and the session ids it records say whose records were read.
 */
export function auditedFilters<T extends { patient?: string }>(query: T): Record<string, unknown> {
  const { patient, ...filters } = query;
  return patient === undefined ? { ...filters } : { ...filters, patient: '(withheld)' };
}
