import type { ObservationInput, Severity, SideEffectCode } from '@vigil/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn, jsonText } from '../database/columns';

@Entity({ name: 'observation' })
@Index('idx_observation_session_at', ['sessionId', 'at'])
export class ObservationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: SideEffectCode;

  @Column({ type: 'varchar', length: 16 })
  severity!: Severity;

  @Column(isoTimestampColumn())
  at!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  scores!: ObservationInput['scores'] | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 120 })
  recordedBy!: string;
}
