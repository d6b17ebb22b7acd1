import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AlarmRecord, MonitoredPeriod } from '@vigil/shared';
import type { DataSource } from 'typeorm';
import { AlertEntity } from '../alerts/alert.entity';
import { toIsoTimestamp } from '../database/columns';

/** The transitions that take a chair off monitoring: recovery ends at discharge, any state at abort. */
const CLOSING_ACTIONS = ['session.discharge', 'session.abort'];

interface PeriodRow {
  bay: string;
  startedAt: string;
  endedAt: string | null;
  closedAt: string | null;
  state: string;
}

/**
 * Reads the history alarm load is computed from: the alarms raised in a window and the time each
 * chair was monitored. A session is monitored from its start until it is discharged or aborted
 * (infusing, paused and recovery); the session row keeps the start, and the audit trail, which
 * records every transition in its own transaction, keeps when it was closed.
 */
@Injectable()
export class AlarmHistory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async alarms(from: string, to: string): Promise<AlarmRecord[]> {
    const rows = await this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('alert')
      .select([
        'alert.code',
        'alert.bay',
        'alert.priority',
        'alert.raisedAt',
        'alert.acknowledgedAt',
        'alert.resolvedAt',
        'alert.resolvedReason',
        'alert.escalationLevel',
      ])
      .where('alert.raisedAt >= :from AND alert.raisedAt < :to', {
        from: toIsoTimestamp(from),
        to: toIsoTimestamp(to),
      })
      .getMany();
    return rows.map((row) => ({
      code: row.code,
      bay: row.bay,
      priority: row.priority,
      raisedAt: row.raisedAt,
      acknowledgedAt: row.acknowledgedAt,
      resolvedAt: row.resolvedAt,
      resolvedReason: row.resolvedReason,
      escalationLevel: row.escalationLevel,
    }));
  }

  async periods(from: string, to: string): Promise<MonitoredPeriod[]> {
    const postgres = this.dataSource.options.type === 'postgres';
    const p = (n: number) => (postgres ? `$${n}` : '?');
    const rows = await this.dataSource.query<PeriodRow[]>(
      `SELECT monitored.bay AS "bay", monitored.started_at AS "startedAt",
              monitored.ended_at AS "endedAt", monitored.state AS "state",
              closing.closed_at AS "closedAt"
       FROM infusion_session monitored
       LEFT JOIN (SELECT session_id, MAX(at) AS closed_at FROM audit_entry
                  WHERE action IN (${p(1)}, ${p(2)}) GROUP BY session_id) closing
         ON closing.session_id = CAST(monitored.id AS varchar)
       WHERE monitored.started_at IS NOT NULL AND monitored.started_at < ${p(3)}
         AND (closing.closed_at IS NULL OR closing.closed_at > ${p(4)})`,
      [...CLOSING_ACTIONS, toIsoTimestamp(to), toIsoTimestamp(from)],
    );
    return rows.map((row) => ({
      bay: row.bay,
      startedAt: row.startedAt,
      endedAt: row.closedAt ?? (isEnded(row.state) ? (row.endedAt ?? row.startedAt) : null),
    }));
  }
}

function isEnded(state: string): boolean {
  return state === 'discharged' || state === 'aborted';
}
