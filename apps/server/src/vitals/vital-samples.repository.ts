import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type LatestVitals, mergeLatestVitals, type VitalSample, VITAL_SIGNS } from '@vigil/shared';
import { type DataSource, type EntityManager } from 'typeorm';
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

@Injectable()
export class VitalSamplesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One multi-row insert, inside the caller's transaction. The primary key refuses resent samples
   * (ON CONFLICT DO NOTHING) and RETURNING tells which rows are new, so the answer is exact even
   * when two posts of the same sample race each other.
   */
  async insertNew(manager: EntityManager, rows: VitalSampleEntity[]): Promise<VitalSampleEntity[]> {
    if (rows.length === 0) return [];
    const postgres = this.dataSource.options.type === 'postgres';
    const parameters: unknown[] = [];
    const tuples = rows.map((row) => {
      const placeholders = rowValues(row).map((value) => {
        parameters.push(value);
        return postgres ? `$${parameters.length}` : '?';
      });
      return `(${placeholders.join(', ')})`;
    });
    const sql =
      `INSERT INTO vital_sample (${INSERT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ` +
      `ON CONFLICT DO NOTHING RETURNING source, dedupe_key`;
    const inserted: Array<{ source: string; dedupe_key: string }> = await manager.query(
      sql,
      parameters,
    );
    const insertedKeys = new Set(inserted.map((row) => `${row.source}\u0000${row.dedupe_key}`));
    return rows.filter((row) => insertedKeys.has(`${row.source}\u0000${row.dedupeKey}`));
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
