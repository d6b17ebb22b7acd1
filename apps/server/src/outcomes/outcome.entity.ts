import type { OutcomeInstrument, OutcomePhase } from '@vigil/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

@Entity({ name: 'outcome_score' })
@Index('idx_outcome_score_session_at', ['sessionId', 'at'])
export class OutcomeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'varchar', length: 16 })
  instrument!: OutcomeInstrument;

  @Column({ type: 'varchar', length: 16 })
  phase!: OutcomePhase;

  @Column({ type: 'integer' })
  score!: number;

  @Column(isoTimestampColumn())
  at!: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 120 })
  recordedBy!: string;
}
