import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoTimestampColumn } from '../database/columns';

/**
 * Failed logins per account name AND client address: a delay earned by guessing from one address
 * never holds back the same account at another (the nurse at her own screen).
 */
@Entity({ name: 'login_attempt' })
export class LoginAttemptEntity {
  /** As typed, so an unknown name is delayed exactly like a real one (no enumeration). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  username!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  address!: string;

  /** Wrong passwords in a row from this address. */
  @Column({ type: 'integer', default: 0 })
  failures!: number;

  /** No guess is checked before this: the delay, or a guess already being checked. */
  @Column(isoTimestampColumn({ name: 'next_attempt_at' }))
  nextAttemptAt!: string;
}
