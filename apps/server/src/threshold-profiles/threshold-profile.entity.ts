import type { ThresholdProfileInput } from '@vigil/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn, jsonText } from '../database/columns';

@Entity({ name: 'threshold_profile' })
export class ThresholdProfileEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  /** The validated profile (name, rules, timers, contraindication limits) as JSON. */
  @Column({ type: 'text', transformer: jsonText })
  definition!: ThresholdProfileInput;

  @Column(isoTimestampColumn({ name: 'updated_at' }))
  updatedAt!: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 120 })
  updatedBy!: string;
}
