import type {
  Assessment,
  Indication,
  Override,
  SessionOrder,
  SessionState,
  ThresholdProfile,
} from '@vigil/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn, jsonText } from '../database/columns';

@Entity({ name: 'infusion_session' })
@Index('idx_infusion_session_state_bay', ['state', 'bay'])
@Index('idx_infusion_session_scheduled_at', ['scheduledAt'])
@Index('uq_infusion_session_live_bay', ['bay'], {
  unique: true,
  where: `state IN ('assessed', 'infusing', 'paused', 'recovery')`,
})
export class SessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ type: 'varchar', length: 32 })
  bay!: string;

  @Column({ type: 'varchar', length: 32 })
  indication!: Indication;

  @Column({ name: 'dose_mg_per_kg', type: 'double precision' })
  doseMgPerKg!: number;

  @Column({ name: 'total_dose_mg', type: 'double precision' })
  totalDoseMg!: number;

  @Column({ name: 'planned_duration_min', type: 'integer' })
  plannedDurationMin!: number;

  @Column({ type: 'varchar', length: 16 })
  state!: SessionState;

  /** Bumped by every change: a write names the revision it read, so of two racing, one wins. */
  @Column({ type: 'integer', default: 0 })
  revision!: number;

  @Column(isoTimestampColumn({ name: 'created_at' }))
  createdAt!: string;

  @Column(isoTimestampColumn({ name: 'scheduled_at' }))
  scheduledAt!: string;

  @Column(isoTimestampColumn({ name: 'started_at', nullable: true }))
  startedAt!: string | null;

  @Column(isoTimestampColumn({ name: 'ended_at', nullable: true }))
  endedAt!: string | null;

  /** Paused minutes already closed; an open pause is counted from pausedAt. */
  @Column({ name: 'paused_ms', type: 'integer', default: 0 })
  pausedMs!: number;

  @Column(isoTimestampColumn({ name: 'paused_at', nullable: true }))
  pausedAt!: string | null;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  assessment!: Assessment | null;

  @Column({ name: 'start_override', type: 'text', nullable: true, transformer: jsonText })
  override!: Override | null;

  /** The physician's signed order; null while a nurse's draft waits for the signature. */
  @Column({ name: 'physician_order', type: 'text', nullable: true, transformer: jsonText })
  order!: SessionOrder | null;

  @Column({ name: 'duration_override', type: 'text', nullable: true, transformer: jsonText })
  durationOverride!: Override | null;

  @Column({ name: 'assigned_nurse_id', type: 'uuid', nullable: true })
  assignedNurseId!: string | null;

  @Column({ name: 'supervising_physician_id', type: 'uuid', nullable: true })
  supervisingPhysicianId!: string | null;

  @Column({ name: 'threshold_profile_id', type: 'varchar', length: 64, default: 'default' })
  thresholdProfileId!: string;

  /**
   * The limits in force: the profile as it stood when the session started, or as a physician
   * later set them for this session. Null before the start (the assigned profile applies).
   */
  @Column({ type: 'text', nullable: true, transformer: jsonText })
  limits!: ThresholdProfile | null;
}
