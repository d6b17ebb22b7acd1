import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, ISO_TIMESTAMP_LENGTH, isoTimestampColumn } from '../database/columns';

/**
 * The natural key (session, time, source, dedupe key) is the primary key: the database itself
 * refuses a resent sample, so idempotency holds under concurrent posts without a check-then-insert
 * race. The time is part of it so that a monitor that restarted its counter (the same `seq` at
 * another time) sends new readings, not duplicates. Leading with session and time, the key also
 * serves every read of a session's samples, so no other index is kept up at every reading; on
 * SQLite the table is stored in that order (WITHOUT ROWID), one B-tree in all.
 */
@Entity({ name: 'vital_sample', withoutRowid: true })
export class VitalSampleEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ type: 'varchar', length: ISO_TIMESTAMP_LENGTH })
  at!: string;

  @PrimaryColumn({ type: 'varchar', length: 80 })
  source!: string;

  /** `seq:<n>` when the device numbers its samples, else `at:<ISO time>`. */
  @PrimaryColumn({ name: 'dedupe_key', type: 'varchar', length: 40 })
  dedupeKey!: string;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  seq!: number | null;

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
