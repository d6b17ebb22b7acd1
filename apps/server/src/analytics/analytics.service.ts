import { Inject, Injectable } from '@nestjs/common';
import { alarmLoad, type AlarmLoad, type AlarmLoadQuery } from '@vigil/shared';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AlarmHistory } from './alarm-history';

/** Alarm load for a review of the alarm settings (NPSG.06.01.01): see docs/alarm-management.md. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly history: AlarmHistory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async alarmLoad(query: AlarmLoadQuery, now = Date.now()): Promise<AlarmLoad> {
    const [alarms, periods] = await Promise.all([
      this.history.alarms(query.from, query.to),
      this.history.periods(query.from, query.to),
    ]);
    return alarmLoad({ ...query, now, timeZone: this.config.timeZone, alarms, periods });
  }
}
