import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

/** A chair's alarms suspended for a probe change until `endsAt`; a row past its end is spent. */
@Entity({ name: 'alarm_suspend' })
export class AlarmSuspendEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  bay!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'varchar', length: 200 })
  reason!: string;

  @Column({ name: 'started_by', type: 'varchar', length: 120 })
  startedBy!: string;

  @Column(isoTimestampColumn({ name: 'started_at' }))
  startedAt!: string;

  @Column(isoTimestampColumn({ name: 'ends_at' }))
  endsAt!: string;
}
