import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppSecretEntity } from './app-secret.entity';

const TOKEN_KEY = 'token-signing-key';

/**
 * The key that signs access tokens. Generated on first start and kept in the database, so every
 * replica verifies every other's tokens without the operator configuring a secret.
 */
@Injectable()
export class SigningKey implements OnModuleInit {
  private value: string | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const secrets = this.dataSource.getRepository(AppSecretEntity);
    // Two replicas may start together: the first insert wins and both read the winner back.
    await secrets
      .createQueryBuilder()
      .insert()
      .values({ name: TOKEN_KEY, value: randomBytes(48).toString('base64url') })
      .orIgnore()
      .execute();
    this.value = (await secrets.findOneByOrFail({ name: TOKEN_KEY })).value;
  }

  get key(): string {
    if (!this.value) throw new Error('signing key not loaded');
    return this.value;
  }
}
