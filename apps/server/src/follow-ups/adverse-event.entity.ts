import type { Severity } from '@vigil/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

/** Something that happened to the patient after the discharge, kept with the session it followed. */
@Entity({ name: 'adverse_event' })
@Index('idx_adverse_event_session', ['sessionId'])
export class AdverseEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column(isoTimestampColumn())
  at!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 16 })
  severity!: Severity;

  @Column({ name: 'recorded_by', type: 'varchar', length: 120 })
  recordedBy!: string;

  @Column(isoTimestampColumn({ name: 'recorded_at' }))
  recordedAt!: string;
}
