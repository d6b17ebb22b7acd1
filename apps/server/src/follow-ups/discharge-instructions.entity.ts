import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

/** The printed discharge instructions were handed to the patient: which version, when, by whom. */
@Entity({ name: 'discharge_instructions' })
@Index('idx_discharge_instructions_session', ['sessionId'])
export class DischargeInstructionsEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column(isoTimestampColumn({ name: 'given_at' }))
  givenAt!: string;

  @Column({ name: 'given_by', type: 'varchar', length: 120 })
  givenBy!: string;
}
