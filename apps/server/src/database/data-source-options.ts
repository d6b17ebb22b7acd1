import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { AlertEntity } from '../alerts/alert.entity';
import { AlarmSuspendEntity } from '../alerts/alarm-suspend.entity';
import { AlertDeliveryEntity } from '../alerts/alert-delivery.entity';
import { ChargeNurseShiftEntity } from '../alerts/charge-nurse-shift.entity';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { AppSecretEntity } from '../auth/app-secret.entity';
import { AuthSessionEntity } from '../auth/auth-session.entity';
import { LoginAttemptEntity } from '../auth/login-attempt.entity';
import { DeviceEntity } from '../devices/device.entity';
import { InterventionEntity } from '../observations/intervention.entity';
import { ObservationEntity } from '../observations/observation.entity';
import { PatientEntity } from '../patients/patient.entity';
import { UserEntity } from '../users/user.entity';
import { SessionEntity } from '../sessions/session.entity';
import { ThresholdProfileEntity } from '../threshold-profiles/threshold-profile.entity';
import { VitalReceiptEntity } from '../vitals/vital-receipt.entity';
import { VitalSampleEntity } from '../vitals/vital-sample.entity';
import { OutcomeEntity } from '../outcomes/outcome.entity';
import { PlannedCourseEntity } from '../course/planned-course.entity';
import { FollowUpEntity } from '../follow-ups/follow-up.entity';
import { AdverseEventEntity } from '../follow-ups/adverse-event.entity';
import { DischargeInstructionsEntity } from '../follow-ups/discharge-instructions.entity';
import { PumpEventEntity } from '../administration/pump-event.entity';
import { KetamineEntryEntity } from '../administration/ketamine-entry.entity';
import { InitialSchema1764072000000 } from './migrations/1764072000000-initial-schema';
import { IdentityAndAudit1764079200000 } from './migrations/1764079200000-identity-and-audit';
import { ClinicalSession1764086400000 } from './migrations/1764086400000-clinical-session';
import { SessionAssignment1764090000000 } from './migrations/1764090000000-session-assignment';
import { Alerts1764093600000 } from './migrations/1764093600000-alerts';
import { ThresholdProfiles1764097200000 } from './migrations/1764097200000-threshold-profiles';
import { VitalReceipts1764100800000 } from './migrations/1764100800000-vital-receipts';
import { SampleKeyWithTime1764104400000 } from './migrations/1764104400000-sample-key-with-time';
import { AlertLifecycle1764108000000 } from './migrations/1764108000000-alert-lifecycle';
import { SessionLimits1764115200000 } from './migrations/1764115200000-session-limits';
import { SessionRevision1764118800000 } from './migrations/1764118800000-session-revision';
import { SessionSchedule1764122400000 } from './migrations/1764122400000-session-schedule';
import { LoginAttempts1764126000000 } from './migrations/1764126000000-login-attempts';
import { PhysicianOrder1764129600000 } from './migrations/1764129600000-physician-order';
import { AlertRevision1764133200000 } from './migrations/1764133200000-alert-revision';
import { TreatmentCourse1764144000000 } from './migrations/1764144000000-treatment-course';
import { AlertDelivery1764136800000 } from './migrations/1764136800000-alert-delivery';
import { AlarmSuspend1764140400000 } from './migrations/1764140400000-alarm-suspend';
import { AdministrationRecord1764151200000 } from './migrations/1764151200000-administration-record';
import { DeviceHl7Source1764172800000 } from './migrations/1764172800000-device-hl7-source';
import { SampleKeyByTime1764180000000 } from './migrations/1764180000000-sample-key-by-time';
import { SessionSettingsRevision1764187200000 } from './migrations/1764187200000-session-settings-revision';
import { ReceiptPressure1764194400000 } from './migrations/1764194400000-receipt-pressure';
import { AuditChainHead1764201600000 } from './migrations/1764201600000-audit-chain-head';
import { AuditRoutineGate1764208800000 } from './migrations/1764208800000-audit-routine-gate';

export const ENTITIES = [
  PatientEntity,
  SessionEntity,
  VitalSampleEntity,
  UserEntity,
  AuthSessionEntity,
  LoginAttemptEntity,
  DeviceEntity,
  AuditEntryEntity,
  AppSecretEntity,
  ObservationEntity,
  InterventionEntity,
  AlertEntity,
  ThresholdProfileEntity,
  VitalReceiptEntity,
  AlertDeliveryEntity,
  ChargeNurseShiftEntity,
  AlarmSuspendEntity,
  OutcomeEntity,
  PlannedCourseEntity,
  FollowUpEntity,
  AdverseEventEntity,
  DischargeInstructionsEntity,
  PumpEventEntity,
  KetamineEntryEntity,
];
export const MIGRATIONS = [
  InitialSchema1764072000000,
  IdentityAndAudit1764079200000,
  ClinicalSession1764086400000,
  SessionAssignment1764090000000,
  Alerts1764093600000,
  ThresholdProfiles1764097200000,
  VitalReceipts1764100800000,
  SampleKeyWithTime1764104400000,
  AlertLifecycle1764108000000,
  SessionLimits1764115200000,
  SessionRevision1764118800000,
  SessionSchedule1764122400000,
  LoginAttempts1764126000000,
  PhysicianOrder1764129600000,
  AlertRevision1764133200000,
  AlertDelivery1764136800000,
  AlarmSuspend1764140400000,
  TreatmentCourse1764144000000,
  AdministrationRecord1764151200000,
  DeviceHl7Source1764172800000,
  SampleKeyByTime1764180000000,
  SessionSettingsRevision1764187200000,
  ReceiptPressure1764194400000,
  AuditChainHead1764201600000,
  AuditRoutineGate1764208800000,
];

export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (database.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      // Connections stay open between bursts: opening one (a new PostgreSQL backend) while a
      // reading or an alert waits for it costs more than an idle connection does.
      extra: { max: 20, idleTimeoutMillis: 60_000 },
    };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    prepareDatabase: (db: { pragma(statement: string): unknown }) => {
      for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
    },
  };
}

/**
 * Every SQLite connection's settings (the server's and the readings' writer thread's). WAL lets
 * the dashboard read while the ingest writes. FULL syncs the log at every commit: NORMAL survives
 * a process crash but a power loss may drop commits already answered 202. A connection that finds
 * the other writing waits for it rather than failing.
 */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'busy_timeout = 5000'];
