import type { PumpEventKind } from '@vigil/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

@Entity({ name: 'pump_event' })
@Index('uq_pump_event_session_sequence', ['sessionId', 'sequence'], { unique: true })
export class PumpEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  /** 1, 2, … per session: the record's order, and of two racing writers only one takes a number. */
  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: PumpEventKind;

  @Column(isoTimestampColumn())
  at!: string;

  @Column({ name: 'rate_ml_per_h', type: 'double precision' })
  rateMlPerH!: number;

  @Column({ name: 'recorded_by', type: 'varchar', length: 120 })
  recordedBy!: string;
}
