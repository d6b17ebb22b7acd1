import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

/**
 * One login. Access tokens name it (`sid`); logout or disabling the user revokes it, which
 * invalidates every token issued for it at once.
 */
@Entity({ name: 'auth_session' })
@Index('idx_auth_session_user', ['userId'])
export class AuthSessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column(isoTimestampColumn({ name: 'created_at' }))
  createdAt!: string;

  /** A login lasts at most one clinical shift, however often its token is refreshed. */
  @Column(isoTimestampColumn({ name: 'expires_at' }))
  expiresAt!: string;

  @Column(isoTimestampColumn({ name: 'revoked_at', nullable: true }))
  revokedAt!: string | null;
}
