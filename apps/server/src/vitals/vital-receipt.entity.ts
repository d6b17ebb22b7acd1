import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

/**
 * When each session's newest oximetry and blood pressure arrived (wall time of receipt), kept
 * up to date in the same transaction as the samples. The signal-loss and overdue-pressure checks
 * read one row per session here instead of searching the session's samples every second, and
 * every instance sees the same receipts.
 */
@Entity({ name: 'vital_receipt' })
export class VitalReceiptEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  /** The newest SpO2 sample: each continuous sign has its own, so each one's loss is noticed. */
  @Column(isoTimestampColumn({ name: 'spo2_received_at', nullable: true }))
  spo2ReceivedAt!: string | null;

  /** The newest heart-rate sample. */
  @Column(isoTimestampColumn({ name: 'heart_rate_received_at', nullable: true }))
  heartRateReceivedAt!: string | null;

  /** The newest blood-pressure sample. */
  @Column(isoTimestampColumn({ name: 'pressure_received_at', nullable: true }))
  pressureReceivedAt!: string | null;

  /** That sample's systolic pressure, so that the sweep needs no search of the samples. */
  @Column({ name: 'pressure_systolic', type: 'double precision', nullable: true })
  pressureSystolic!: number | null;

  /** That sample's diastolic pressure, when it carried one. */
  @Column({ name: 'pressure_diastolic', type: 'double precision', nullable: true })
  pressureDiastolic!: number | null;
}
