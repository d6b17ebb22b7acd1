import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, ISO_TIMESTAMP_LENGTH, isoTimestampColumn } from '../database/columns';

/**
 * The natural key (session, source, dedupe key, time) is the primary key: the database itself
 * refuses a resent sample, so idempotency holds under concurrent posts without a check-then-insert
 * race. The time is part of it so that a monitor that restarted its counter (the same `seq` at
 * another time) sends new readings, not duplicates.
 */
@Entity({ name: 'vital_sample' })
@Index('idx_vital_sample_session_at', ['sessionId', 'at'])
export class VitalSampleEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 80 })
  source!: string;

  /** `seq:<n>` when the device numbers its samples, else `at:<ISO time>`. */
  @PrimaryColumn({ name: 'dedupe_key', type: 'varchar', length: 40 })
  dedupeKey!: string;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  seq!: number | null;

  @PrimaryColumn({ type: 'varchar', length: ISO_TIMESTAMP_LENGTH })
  at!: string;

  @Column(isoTimestampColumn({ name: 'received_at' }))
  receivedAt!: string;

  @Column({ type: 'double precision', nullable: true })
  systolic!: number | null;

  @Column({ type: 'double precision', nullable: true })
  diastolic!: number | null;

  @Column({ name: 'heart_rate', type: 'double precision', nullable: true })
  heartRate!: number | null;

  @Column({ type: 'double precision', nullable: true })
  spo2!: number | null;

  @Column({ name: 'resp_rate', type: 'double precision', nullable: true })
  respRate!: number | null;

  @Column({ type: 'double precision', nullable: true })
  etco2!: number | null;
}
