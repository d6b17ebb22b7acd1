import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Secrets Vigil generates for itself on first start (the token signing key), shared by every
 * replica through the database so that operators need not configure one.
 */
@Entity({ name: 'app_secret' })
export class AppSecretEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 255 })
  value!: string;
}
