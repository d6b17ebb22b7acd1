import type {
  AlertCode,
  AlertKind,
  AlertPriority,
  AlertResolvedReason,
  AlertState,
} from '@vigil/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

/**
 * One row per alert episode. The partial unique index allows one open (active or acknowledged)
 * alert per session and code, whatever instance raised it.
 */
@Entity({ name: 'alert' })
@Index('uq_alert_open_per_code', ['sessionId', 'code'], {
  unique: true,
  where: "state <> 'resolved'",
})
@Index('idx_alert_state_raised', ['state', 'raisedAt'])
export class AlertEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'varchar', length: 32 })
  bay!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: AlertKind;

  @Column({ type: 'varchar', length: 32 })
  code!: AlertCode;

  @Column({ type: 'varchar', length: 8 })
  priority!: AlertPriority;

  @Column({ type: 'varchar', length: 16 })
  state!: AlertState;

  /** Text: a clinical alert carries the clinician's note, which may be long. */
  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'double precision', nullable: true })
  value!: number | null;

  @Column({ type: 'double precision', nullable: true })
  threshold!: number | null;

  @Column(isoTimestampColumn({ name: 'raised_at' }))
  raisedAt!: string;

  @Column(isoTimestampColumn({ name: 'acknowledged_at', nullable: true }))
  acknowledgedAt!: string | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 120, nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'acknowledged_from', type: 'varchar', length: 40, nullable: true })
  acknowledgedFrom!: string | null;

  @Column({ name: 'acknowledge_note', type: 'text', nullable: true })
  acknowledgeNote!: string | null;

  @Column(isoTimestampColumn({ name: 'resolved_at', nullable: true }))
  resolvedAt!: string | null;

  @Column({ name: 'resolved_reason', type: 'varchar', length: 16, nullable: true })
  resolvedReason!: AlertResolvedReason | null;

  @Column({ name: 'escalation_level', type: 'integer', default: 0 })
  escalationLevel!: number;

  @Column(isoTimestampColumn({ name: 'reminded_at', nullable: true }))
  remindedAt!: string | null;

  /** Bumped by every change; each change is written only on the revision it was decided on. */
  @Column({ type: 'integer', default: 0 })
  revision!: number;
}
