import type { Role } from '@vigil/shared';
import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

@Entity({ name: 'app_user' })
@Unique('uq_app_user_username', ['username'])
export class UserEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  /** argon2id, with its parameters and salt in the PHC string. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins!: number;

  @Column(isoTimestampColumn({ name: 'locked_until', nullable: true }))
  lockedUntil!: string | null;

  @Column(isoTimestampColumn({ name: 'created_at' }))
  createdAt!: string;
}
