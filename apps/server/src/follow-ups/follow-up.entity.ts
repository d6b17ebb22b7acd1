import type { FollowUpKind } from '@vigil/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

@Entity({ name: 'follow_up' })
@Index('idx_follow_up_due', ['dueAt'])
@Index('idx_follow_up_session', ['sessionId'])
export class FollowUpEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: FollowUpKind;

  @Column(isoTimestampColumn({ name: 'due_at' }))
  dueAt!: string;

  @Column(isoTimestampColumn({ name: 'done_at', nullable: true }))
  doneAt!: string | null;

  @Column({ name: 'done_by', type: 'varchar', length: 120, nullable: true })
  doneBy!: string | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column(isoTimestampColumn({ name: 'created_at' }))
  createdAt!: string;
}
