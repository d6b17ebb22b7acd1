import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type LatestVitals, mergeLatestVitals, type VitalSample, VITAL_SIGNS } from '@vigil/shared';
import { type DataSource, type EntityManager } from 'typeorm';
import { multiRowInserts } from '../database/multi-row-insert';
import { VitalSampleEntity } from './vital-sample.entity';
import { toVitalSample } from './vital-sample.mapper';

const INSERT_COLUMNS = [
  'session_id',
  'source',
  'dedupe_key',
  'seq',
  'at',
  'received_at',
  'systolic',
  'diastolic',
  'heart_rate',
  'spo2',
  'resp_rate',
  'etco2',
] as const;

function rowValues(row: VitalSampleEntity): unknown[] {
  return [
    row.sessionId,
    row.source,
    row.dedupeKey,
    row.seq,
    row.at,
    row.receivedAt,
    row.systolic,
    row.diastolic,
    row.heartRate,
    row.spo2,
    row.respRate,
    row.etco2,
  ];
}

/**
 * The primary key as one string: what makes a sample the same sample. PostgreSQL returns uuids in
 * lower case whatever case the request used.
 */
export function sampleKey(sessionId: string, source: string, dedupeKey: string): string {
  return `${sessionId.toLowerCase()}\u0000${source}\u0000${dedupeKey}`;
}

function later(current: string | null, candidate: string): string {
  return current !== null && current > candidate ? current : candidate;
}

@Injectable()
export class VitalSamplesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Multi-row inserts inside the caller's transaction. The primary key refuses resent samples
   * (ON CONFLICT DO NOTHING) and RETURNING tells which rows are new, so the answer is exact even
   * when two posts of the same sample race each other.
   */
  async insertNew(manager: EntityManager, rows: VitalSampleEntity[]): Promise<VitalSampleEntity[]> {
    const postgres = this.dataSource.options.type === 'postgres';
    const insertedKeys = new Set<string>();
    for (const { sql, parameters } of multiRowInserts(
      'vital_sample',
      INSERT_COLUMNS,
      rows.map(rowValues),
      postgres,
    )) {
      const inserted: Array<{ session_id: string; source: string; dedupe_key: string }> =
        await manager.query(
          `${sql} ON CONFLICT DO NOTHING RETURNING session_id, source, dedupe_key`,
          parameters,
        );
      for (const row of inserted)
        insertedKeys.add(sampleKey(row.session_id, row.source, row.dedupe_key));
    }
    return rows.filter((row) =>
      insertedKeys.has(sampleKey(row.sessionId, row.source, row.dedupeKey)),
    );
  }

  /** Moves each session's receipt times forward to its newest stored oximetry and pressure. */
  async recordReceipts(manager: EntityManager, stored: VitalSampleEntity[]): Promise<void> {
    const receipts = new Map<string, [string | null, string | null]>();
    for (const row of stored) {
      const receipt = receipts.get(row.sessionId) ?? [null, null];
      if (row.spo2 !== null || row.heartRate !== null)
        receipt[0] = later(receipt[0], row.receivedAt);
      if (row.systolic !== null) receipt[1] = later(receipt[1], row.receivedAt);
      receipts.set(row.sessionId, receipt);
    }
    // In session order: overlapping commits then lock the receipt rows in one order.
    const rows = [...receipts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([sessionId, [signal, pressure]]) => [sessionId, signal, pressure]);
    for (const { sql, parameters } of multiRowInserts(
      'vital_receipt',
      ['session_id', 'signal_received_at', 'pressure_received_at'],
      rows,
      this.dataSource.options.type === 'postgres',
    )) {
      await manager.query(
        `${sql} ON CONFLICT (session_id) DO UPDATE SET
           signal_received_at = COALESCE(excluded.signal_received_at, vital_receipt.signal_received_at),
           pressure_received_at = COALESCE(excluded.pressure_received_at, vital_receipt.pressure_received_at)`,
        parameters,
      );
    }
  }

  async findRange(sessionId: string, from?: string, to?: string): Promise<VitalSample[]> {
    const query = this.dataSource
      .getRepository(VitalSampleEntity)
      .createQueryBuilder('sample')
      .where('sample.sessionId = :sessionId', { sessionId })
      .orderBy('sample.at', 'ASC')
      .addOrderBy('sample.receivedAt', 'ASC');
    if (from) query.andWhere('sample.at >= :from', { from });
    if (to) query.andWhere('sample.at <= :to', { to });
    return (await query.getMany()).map(toVitalSample);
  }

  /** The newest value of each sign per session, each found through the (session, at) index. */
  async latestBySession(
    sessionIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, LatestVitals>> {
    const latest = new Map<string, LatestVitals>();
    const repository = manager.getRepository(VitalSampleEntity);
    await Promise.all(
      sessionIds.flatMap((sessionId) =>
        VITAL_SIGNS.map(async (sign) => {
          const row = await repository
            .createQueryBuilder('sample')
            .where('sample.sessionId = :sessionId', { sessionId })
            .andWhere(`sample.${sign} IS NOT NULL`)
            .orderBy('sample.at', 'DESC')
            .limit(1)
            .getOne();
          if (row)
            latest.set(
              sessionId,
              mergeLatestVitals(latest.get(sessionId) ?? {}, [toVitalSample(row)]),
            );
        }),
      ),
    );
    return latest;
  }
}
