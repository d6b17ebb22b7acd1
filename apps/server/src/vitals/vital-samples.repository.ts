import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  LATEST_READINGS_WINDOW_MS,
  type LatestVitals,
  mergeLatestVitals,
  type VitalSample,
  type VitalSign,
  VITAL_SIGNS,
} from '@vigil/shared';
import { type DataSource, type EntityManager } from 'typeorm';
import { toIsoTimestamp } from '../database/columns';
import { deferChecked, execute, queryEach, type SqlRunner } from '../database/sqlite-thread';
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
export function sampleKey(
  row: Pick<VitalSampleEntity, 'sessionId' | 'source' | 'dedupeKey' | 'at'>,
): string {
  return `${row.sessionId.toLowerCase()}\u0000${row.source}\u0000${row.dedupeKey}\u0000${row.at}`;
}

interface StoredRow {
  session_id: string;
  source: string;
  dedupe_key: string;
  at: string;
  systolic: number | null;
  diastolic: number | null;
  heart_rate: number | null;
  spo2: number | null;
  resp_rate: number | null;
  etco2: number | null;
}

export type StoredMeasurements = Pick<VitalSampleEntity, VitalSign>;

/** Rows per keyed lookup or delete: four parameters each, well inside SQLite's limit of 999. */
const KEYED_CHUNK = 200;

function later(current: string | null, candidate: string): string {
  return current !== null && current > candidate ? current : candidate;
}

interface Receipt {
  spo2At: string | null;
  heartRateAt: string | null;
  pressure: VitalSampleEntity | null;
}

/** Received later, or at the same moment and taken later. */
function newerPressure(row: VitalSampleEntity, current: VitalSampleEntity | null): boolean {
  if (!current) return true;
  if (row.receivedAt !== current.receivedAt) return row.receivedAt > current.receivedAt;
  return row.at > current.at;
}

@Injectable()
export class VitalSamplesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Multi-row inserts inside the caller's transaction. The primary key refuses resent samples
   * (ON CONFLICT DO NOTHING) and RETURNING tells which rows are new, so the answer is exact even
   * when two posts of the same sample race each other.
   */
  async insertNew(manager: SqlRunner, rows: VitalSampleEntity[]): Promise<VitalSampleEntity[]> {
    const results = await queryEach<
      Array<Pick<StoredRow, 'session_id' | 'source' | 'dedupe_key' | 'at'>>
    >(
      manager,
      this.insertsIgnoringStored(rows).map(({ sql, parameters }) => ({
        sql: `${sql} RETURNING session_id, source, dedupe_key, at`,
        parameters,
      })),
    );
    const insertedKeys = new Set(
      results.flat().map((row) =>
        sampleKey({
          sessionId: row.session_id,
          source: row.source,
          dedupeKey: row.dedupe_key,
          at: row.at,
        }),
      ),
    );
    return rows.filter((row) => insertedKeys.has(sampleKey(row)));
  }

  /**
   * Inserts sent along with the transaction's next message (its COMMIT at the latest), on the
   * assumption that every row is new, where the runner can hold them and check their count (the
   * SQLite writer thread): a row already stored fails the transaction (`isRowsNotAsExpected`),
   * and the caller commits again with `insertNew`. False, with nothing sent, where it cannot.
   */
  deferInsertOfNew(manager: SqlRunner, rows: VitalSampleEntity[]): boolean {
    return deferChecked(manager, () =>
      this.insertsIgnoringStored(rows).map((statement) => ({
        ...statement,
        expectChanges: statement.parameters.length / INSERT_COLUMNS.length,
      })),
    );
  }

  /** The multi-row inserts of these rows, each leaving out a row whose key is stored already. */
  private insertsIgnoringStored(
    rows: VitalSampleEntity[],
  ): Array<{ sql: string; parameters: unknown[] }> {
    const postgres = this.dataSource.options.type === 'postgres';
    return multiRowInserts('vital_sample', INSERT_COLUMNS, rows.map(rowValues), postgres).map(
      ({ sql, parameters }) => ({ sql: `${sql} ON CONFLICT DO NOTHING`, parameters }),
    );
  }

  /**
   * The stored samples with these rows' keys, by key: only rows the insert refused are looked up,
   * to tell a resend (the same values) from a conflict (other values under the same key).
   */
  async findByKeys(
    manager: SqlRunner,
    rows: readonly VitalSampleEntity[],
  ): Promise<Map<string, StoredMeasurements>> {
    const found = new Map<string, StoredMeasurements>();
    for (let start = 0; start < rows.length; start += KEYED_CHUNK) {
      const { where, parameters } = this.keyed(rows.slice(start, start + KEYED_CHUNK));
      const stored: StoredRow[] = await manager.query(
        `SELECT session_id, source, dedupe_key, at, systolic, diastolic, heart_rate, spo2,
                resp_rate, etco2
         FROM vital_sample WHERE ${where}`,
        parameters,
      );
      for (const row of stored) {
        const key = { sessionId: row.session_id, source: row.source, dedupeKey: row.dedupe_key };
        found.set(sampleKey({ ...key, at: row.at }), {
          systolic: row.systolic,
          diastolic: row.diastolic,
          heartRate: row.heart_rate,
          spo2: row.spo2,
          respRate: row.resp_rate,
          etco2: row.etco2,
        });
      }
    }
    return found;
  }

  /** Takes back rows this transaction inserted, for a batch refused after its insert. */
  async deleteByKeys(manager: SqlRunner, rows: readonly VitalSampleEntity[]): Promise<void> {
    for (let start = 0; start < rows.length; start += KEYED_CHUNK) {
      const { where, parameters } = this.keyed(rows.slice(start, start + KEYED_CHUNK));
      await manager.query(`DELETE FROM vital_sample WHERE ${where}`, parameters);
    }
  }

  private keyed(rows: readonly VitalSampleEntity[]): { where: string; parameters: unknown[] } {
    const postgres = this.dataSource.options.type === 'postgres';
    const parameters: unknown[] = [];
    const next = (value: unknown) => {
      parameters.push(value);
      return postgres ? `$${parameters.length}` : '?';
    };
    const where = rows
      .map(
        (row) =>
          `(session_id = ${next(row.sessionId)} AND source = ${next(row.source)}` +
          ` AND dedupe_key = ${next(row.dedupeKey)} AND at = ${next(row.at)})`,
      )
      .join(' OR ');
    return { where, parameters };
  }

  /**
   * Moves each session's receipt times forward to its newest stored SpO2, heart rate and pressure,
   * and keeps that pressure's values (the newest by receipt, then by time, as the sweep reads it).
   */
  async recordReceipts(manager: SqlRunner, stored: VitalSampleEntity[]): Promise<void> {
    const receipts = new Map<string, Receipt>();
    for (const row of stored) {
      let receipt = receipts.get(row.sessionId);
      if (!receipt) {
        receipt = { spo2At: null, heartRateAt: null, pressure: null };
        receipts.set(row.sessionId, receipt);
      }
      if (row.spo2 !== null) receipt.spo2At = later(receipt.spo2At, row.receivedAt);
      if (row.heartRate !== null) receipt.heartRateAt = later(receipt.heartRateAt, row.receivedAt);
      if (row.systolic !== null && newerPressure(row, receipt.pressure)) receipt.pressure = row;
    }
    // In session order: overlapping commits then lock the receipt rows in one order.
    const rows = [...receipts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([sessionId, { spo2At, heartRateAt, pressure }]) => [
        sessionId,
        spo2At,
        heartRateAt,
        pressure?.receivedAt ?? null,
        pressure?.systolic ?? null,
        pressure?.diastolic ?? null,
      ]);
    const statements = multiRowInserts(
      'vital_receipt',
      [
        'session_id',
        'spo2_received_at',
        'heart_rate_received_at',
        'pressure_received_at',
        'pressure_systolic',
        'pressure_diastolic',
      ],
      rows,
      this.dataSource.options.type === 'postgres',
    );
    // A receipt only moves forward: on PostgreSQL two groups' commits overlap (and instances
    // commit side by side), so the one that commits last may hold the older readings (hazard
    // H-F19). ISO times of one format compare as text. A commit without a pressure, or with an
    // older one, keeps the stored one's time and values together; of two received at the same
    // moment, the later commit's stands.
    const newer = (column: string, orSame = false) =>
      `excluded.${column} IS NOT NULL AND (vital_receipt.${column} IS NULL
         OR excluded.${column} ${orSame ? '>=' : '>'} vital_receipt.${column})`;
    const forward = (column: string) =>
      `${column} = CASE WHEN ${newer(column)} THEN excluded.${column} ELSE vital_receipt.${column} END`;
    const pressure = (column: string) =>
      `${column} = CASE WHEN ${newer('pressure_received_at', true)} THEN excluded.${column}
                   ELSE vital_receipt.${column} END`;
    await execute(
      manager,
      statements.map(({ sql, parameters }) => ({
        sql: `${sql} ON CONFLICT (session_id) DO UPDATE SET
           ${forward('spo2_received_at')}, ${forward('heart_rate_received_at')},
           ${pressure('pressure_received_at')}, ${pressure('pressure_systolic')},
           ${pressure('pressure_diastolic')}`,
        parameters,
      })),
    );
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

  /**
   * One page of samples of these sessions, in (at, session, source, dedupe key) order (the
   * primary key, so the order is total and a page boundary never splits or repeats a sample),
   * from `after` on (inclusive), holding at least one of `columns`, with `at` in [from, before).
   */
  async findPage(query: {
    sessionIds: readonly string[];
    columns: readonly VitalSign[];
    from: string | null;
    before: string | null;
    after: Pick<VitalSampleEntity, 'at' | 'sessionId' | 'source' | 'dedupeKey'> | null;
    limit: number;
  }): Promise<VitalSampleEntity[]> {
    if (query.sessionIds.length === 0 || query.columns.length === 0) return [];
    const builder = this.dataSource
      .getRepository(VitalSampleEntity)
      .createQueryBuilder('sample')
      .where('sample.sessionId IN (:...sessionIds)', { sessionIds: query.sessionIds })
      .andWhere(`(${query.columns.map((column) => `sample.${column} IS NOT NULL`).join(' OR ')})`)
      .orderBy('sample.at', 'ASC')
      .addOrderBy('sample.sessionId', 'ASC')
      .addOrderBy('sample.source', 'ASC')
      .addOrderBy('sample.dedupeKey', 'ASC')
      .limit(query.limit);
    if (query.from) builder.andWhere('sample.at >= :from', { from: query.from });
    if (query.before) builder.andWhere('sample.at < :before', { before: query.before });
    if (query.after) {
      // Spelled out rather than a row comparison, which the two databases type differently.
      builder.andWhere(
        `(sample.at > :afterAt OR (sample.at = :afterAt AND (sample.sessionId > :afterSession
          OR (sample.sessionId = :afterSession AND (sample.source > :afterSource
          OR (sample.source = :afterSource AND sample.dedupeKey >= :afterKey))))))`,
        {
          afterAt: query.after.at,
          afterSession: query.after.sessionId,
          afterSource: query.after.source,
          afterKey: query.after.dedupeKey,
        },
      );
    }
    return builder.getMany();
  }

  /**
   * The reading to show of each sign per session: each source's newest within the window behind
   * the sign's newest reading, folded as the dashboard folds live samples (the most alarming of
   * them is shown). Two queries per sign, each through the (session, at) index.
   */
  async latestBySession(
    sessionIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, LatestVitals>> {
    const latest = new Map<string, LatestVitals>();
    const repository = manager.getRepository(VitalSampleEntity);
    const withSign = (sessionId: string, sign: VitalSign) =>
      repository
        .createQueryBuilder('sample')
        .where('sample.sessionId = :sessionId', { sessionId })
        .andWhere(`sample.${sign} IS NOT NULL`)
        .orderBy('sample.at', 'ASC');
    await Promise.all(
      sessionIds.flatMap((sessionId) =>
        VITAL_SIGNS.map(async (sign) => {
          const newest = await withSign(sessionId, sign)
            .orderBy('sample.at', 'DESC')
            .limit(1)
            .getOne();
          if (!newest) return;
          const since = toIsoTimestamp(Date.parse(newest.at) - LATEST_READINGS_WINDOW_MS);
          const recent = await withSign(sessionId, sign)
            .andWhere('sample.at >= :since', { since })
            .getMany();
          const readings = recent.map((row) => ({
            at: row.at,
            source: row.source,
            [sign]: row[sign],
          }));
          latest.set(sessionId, mergeLatestVitals(latest.get(sessionId) ?? {}, readings));
        }),
      ),
    );
    return latest;
  }
}
