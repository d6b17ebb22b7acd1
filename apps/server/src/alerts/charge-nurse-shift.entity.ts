import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

/** A nurse who is charge nurse from `startsAt` to `endsAt`: the last step of every alert. */
@Entity({ name: 'charge_nurse_shift' })
@Index('idx_charge_nurse_shift_ends', ['endsAt'])
export class ChargeNurseShiftEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column(isoTimestampColumn({ name: 'starts_at' }))
  startsAt!: string;

  @Column(isoTimestampColumn({ name: 'ends_at' }))
  endsAt!: string;

  @Column({ name: 'assigned_by', type: 'varchar', length: 120 })
  assignedBy!: string;
}
