import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorator';
import { RedisConnection } from '../redis/redis.module';

export interface Health {
  status: 'ok' | 'error';
  db: 'up' | 'down';
  redis: 'up' | 'down' | 'disabled';
}

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  @Get()
  @HttpCode(200)
  async health(): Promise<Health> {
    const [db, redis] = await Promise.all([this.database(), this.redisState()]);
    const health: Health = { status: db === 'up' && redis !== 'down' ? 'ok' : 'error', db, redis };
    if (health.status !== 'ok') throw new ServiceUnavailableException(health);
    return health;
  }

  private async database(): Promise<Health['db']> {
    try {
      await this.dataSource.query('SELECT 1');
      return 'up';
    } catch {
      return 'down';
    }
  }

  private async redisState(): Promise<Health['redis']> {
    if (!this.redis.enabled) return 'disabled';
    return (await this.redis.ping()) ? 'up' : 'down';
  }
}
