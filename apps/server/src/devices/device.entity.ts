import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

@Entity({ name: 'device' })
@Unique('uq_device_key_hash', ['keyHash'])
export class DeviceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 80 })
  label!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  bay!: string | null;

  /** SHA-256 of the key: the key has 256 bits of entropy, so a fast hash is enough. */
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  @Column({ name: 'key_prefix', type: 'varchar', length: 16 })
  keyPrefix!: string;

  @Column(isoTimestampColumn({ name: 'created_at' }))
  createdAt!: string;

  @Column(isoTimestampColumn({ name: 'revoked_at', nullable: true }))
  revokedAt!: string | null;
}
