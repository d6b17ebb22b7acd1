import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Alert, AlertCode, AlertPriority, AlertState } from '@vigil/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { AlertEntity } from './alert.entity';
import { toAlert } from './alert.mapper';

export interface AlertFilter {
  state?: AlertState;
  sessionId?: string;
  priority?: AlertPriority;
}

/** Reads of the stored alerts; nothing here writes. */
@Injectable()
export class AlertQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: AlertFilter): Promise<Alert[]> {
    const query = this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('alert')
      .orderBy('alert.raisedAt', 'DESC')
      .limit(1000);
    if (filter.state) query.andWhere('alert.state = :state', { state: filter.state });
    if (filter.sessionId)
      query.andWhere('alert.sessionId = :sessionId', { sessionId: filter.sessionId });
    if (filter.priority)
      query.andWhere('alert.priority = :priority', { priority: filter.priority });
    return (await query.getMany()).map(toAlert);
  }

  get(id: string): Promise<AlertEntity | null> {
    return this.dataSource.getRepository(AlertEntity).findOneBy({ id });
  }

  /** Every open alert (active or acknowledged), of every session. */
  open(): Promise<AlertEntity[]> {
    return this.dataSource
      .getRepository(AlertEntity)
      .find({ where: [{ state: 'active' }, { state: 'acknowledged' }] });
  }

  findOpen(sessionId: string, code: AlertCode): Promise<AlertEntity | null> {
    return this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('alert')
      .where('alert.sessionId = :sessionId', { sessionId })
      .andWhere('alert.code = :code', { code })
      .andWhere("alert.state <> 'resolved'")
      .getOne();
  }

  countOpen(
    sessionId: string,
    priority: AlertPriority,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    return manager
      .getRepository(AlertEntity)
      .createQueryBuilder('alert')
      .where('alert.sessionId = :sessionId', { sessionId })
      .andWhere('alert.priority = :priority', { priority })
      .andWhere("alert.state <> 'resolved'")
      .getCount();
  }
}
