import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hkdfSync, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AppSecretEntity } from './app-secret.entity';

const TOKEN_KEY = 'token-signing-key';
const KEY_BYTES = 48;

/** The key as derived from VIGIL_SECRET: the same on every replica given the same secret. */
export function signingKeyFromSecret(secret: string): string {
  return Buffer.from(
    hkdfSync('sha256', secret, 'vigil', 'access-token-signing-key', KEY_BYTES),
  ).toString('base64url');
}

/**
 * The key that signs access tokens. With VIGIL_SECRET it is derived from that secret and lives
 * nowhere but in memory: a copy of the database (a backup, a dump) cannot forge tokens. Without
 * it (the embedded demo, or an operator who has not set it yet) it is generated on first start and
 * kept in the database, as before, and a warning says so at every start.
 */
@Injectable()
export class SigningKey implements OnModuleInit {
  private readonly logger = new Logger(SigningKey.name);
  private value: string | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const secrets = this.dataSource.getRepository(AppSecretEntity);
    if (this.config.secret) {
      this.value = signingKeyFromSecret(this.config.secret);
      // A key stored before VIGIL_SECRET was set is not left behind for a dump to reveal.
      await secrets.delete({ name: TOKEN_KEY });
      return;
    }
    this.logger.warn(
      'VIGIL_SECRET is not set: the token signing key is kept in the database in plain text, so ' +
        'anyone with a copy of the database can forge logins. Set VIGIL_SECRET (32 or more ' +
        'random characters, the same on every replica).',
    );
    // Two replicas may start together: the first insert wins and both read the winner back.
    await secrets
      .createQueryBuilder()
      .insert()
      .values({ name: TOKEN_KEY, value: randomBytes(KEY_BYTES).toString('base64url') })
      .orIgnore()
      .execute();
    this.value = (await secrets.findOneByOrFail({ name: TOKEN_KEY })).value;
  }

  get key(): string {
    if (!this.value) throw new Error('signing key not loaded');
    return this.value;
  }
}
