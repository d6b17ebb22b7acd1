import type { EscalationLevel, Role } from '@vigil/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

/** One person an alert was sent to: the key makes each sending happen once, on any instance. */
@Entity({ name: 'alert_delivery' })
export class AlertDeliveryEntity {
  @PrimaryColumn({ name: 'alert_id', type: 'uuid' })
  alertId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ type: 'integer' })
  level!: EscalationLevel;

  @Column(isoTimestampColumn({ name: 'sent_at' }))
  sentAt!: string;

  @Column(isoTimestampColumn({ name: 'delivered_at', nullable: true }))
  deliveredAt!: string | null;

  @Column(isoTimestampColumn({ name: 'seen_at', nullable: true }))
  seenAt!: string | null;
}
