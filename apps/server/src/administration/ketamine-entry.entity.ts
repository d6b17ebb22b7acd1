import type { KetamineEntryKind } from '@vigil/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

@Entity({ name: 'ketamine_entry' })
@Index('idx_ketamine_entry_session', ['sessionId'])
export class KetamineEntryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: KetamineEntryKind;

  @Column({ type: 'double precision' })
  mg!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lot!: string | null;

  @Column(isoTimestampColumn())
  at!: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 120 })
  recordedBy!: string;

  @Column({ name: 'witnessed_by', type: 'varchar', length: 120, nullable: true })
  witnessedBy!: string | null;
}
