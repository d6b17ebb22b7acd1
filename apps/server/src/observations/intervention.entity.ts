import type { InterventionInput } from '@vigil/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

@Entity({ name: 'intervention' })
@Index('idx_intervention_session_at', ['sessionId', 'at'])
export class InterventionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: InterventionInput['kind'];

  @Column({ type: 'text' })
  detail!: string;

  @Column(isoTimestampColumn())
  at!: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 120 })
  recordedBy!: string;
}
