import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
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
  async health(@Res({ passthrough: true }) response: Response): Promise<Health> {
    const [db, redis] = await Promise.all([this.database(), this.redisState()]);
    const health: Health = { status: db === 'up' && redis !== 'down' ? 'ok' : 'error', db, redis };
    // The same shape either way, so a load balancer or an operator reads which part failed.
    if (health.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
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
