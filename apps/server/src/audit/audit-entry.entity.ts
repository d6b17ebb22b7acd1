import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, isoTimestampColumn } from '../database/columns';

/** Append-only; each row's hash covers its content and the previous row's hash. */
@Entity({ name: 'audit_entry' })
@Index('idx_audit_entry_at', ['at'])
@Index('idx_audit_entry_session', ['sessionId'])
@Index('idx_audit_entry_actor', ['actor'])
export class AuditEntryEntity {
  /** bigint: at one entry per second per chair, 32 bits would run out within years. */
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  @Column(isoTimestampColumn())
  at!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 64, nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 120 })
  actor!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 32 })
  entity!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId!: string | null;

  @Column({ name: 'session_id', type: 'varchar', length: 36, nullable: true })
  sessionId!: string | null;

  /** Canonical JSON (RFC 8785), exactly as hashed. */
  @Column({ type: 'text' })
  detail!: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
