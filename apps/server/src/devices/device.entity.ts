import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

@Entity({ name: 'device' })
@Unique('uq_device_key_hash', ['keyHash'])
@Unique('uq_device_hl7_source', ['hl7SendingApplication', 'hl7SendingFacility'])
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

  /** MSH-3.1 of the HL7 v2 messages this gateway sends (null: it does not speak HL7). */
  @Column({ name: 'hl7_sending_application', type: 'varchar', length: 60, nullable: true })
  hl7SendingApplication!: string | null;

  /** MSH-4.1: with MSH-3.1, names exactly one device (a unique pair). */
  @Column({ name: 'hl7_sending_facility', type: 'varchar', length: 60, nullable: true })
  hl7SendingFacility!: string | null;

  @Column(isoTimestampColumn({ name: 'created_at' }))
  createdAt!: string;

  @Column(isoTimestampColumn({ name: 'revoked_at', nullable: true }))
  revokedAt!: string | null;
}
