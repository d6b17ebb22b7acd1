import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEntry, AuditQuery, AuditVerification } from '@vigil/shared';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/principal';
import { toIsoTimestamp } from '../database/columns';
import { multiRowInserts } from '../database/multi-row-insert';
import { execute, queryEach, type SqlRunner, type Statement } from '../database/sqlite-thread';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditEntryEntity } from './audit-entry.entity';
import { auditHash, canonicalJson, GENESIS_HASH } from './audit-hash';

export interface AuditEvent {
  action: string;
  entity: string;
  entityId?: string | null;
  sessionId?: string | null;
  detail?: Record<string, unknown>;
}

/** The chain's newest entry, which the next entry follows. */
export interface AuditChainHead {
  seq: number;
  hash: string;
}

const HEAD_SQL = 'SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1';

/**
 * Reads the chain's head, for a SQLite transaction that sends it with its own first reads (one
 * message to the writer thread fewer): there writers take turns, so the head read anywhere in the
 * transaction is still the head when it appends. Read its result with `chainHead`.
 */
export const AUDIT_HEAD_QUERY: Statement = { sql: HEAD_SQL };

export function chainHead(
  rows: ReadonlyArray<{ seq: string | number; hash: string }>,
): AuditChainHead {
  const [head] = rows;
  return head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * These statements' results in one message and, on SQLite, the chain's head with them (writers
 * take turns there, so it is still the head when the transaction appends: `appendAll`). On
 * PostgreSQL the head is read later, under the chain's lock, so `auditHead` is undefined.
 */
export async function queryEachWithAuditHead(
  manager: SqlRunner,
  statements: readonly Statement[],
): Promise<{ results: unknown[]; auditHead?: AuditChainHead }> {
  if (manager.connection.options.type === 'postgres') {
    return { results: await queryEach<unknown>(manager, statements) };
  }
  const results = await queryEach<unknown>(manager, [...statements, AUDIT_HEAD_QUERY]);
  const head = results.pop() as Array<{ seq: number; hash: string }>;
  return { results, auditHead: chainHead(head) };
}

/** Any fixed number: the PostgreSQL advisory lock that orders appends across every instance. */
export const AUDIT_CHAIN_LOCK = 704_211_904;
/**
 * The lock, then the head as committed once it is granted, in one round trip: the lock is held
 * until the COMMIT, and every appender waits for each of its round trips (migration
 * AuditChainHead1764201600000).
 */
const LOCKED_HEAD_SQL = 'SELECT seq, hash FROM audit_chain_head_locked($1)';
/** Any fixed number: the gate routine appends pass, one at a time, before the chain's lock. */
const AUDIT_ROUTINE_GATE = 704_211_905;
/**
 * The gate, the chain's lock and the head, in one round trip (migration
 * AuditRoutineGate1764208800000): the gate is held to the COMMIT, so of all routine appenders only
 * its holder is in the chain's queue, and an urgent append queues behind that one at most.
 */
const GATED_HEAD_SQL = 'SELECT seq, hash FROM audit_chain_head_locked($1, $2)';

/** Who waits for whom on PostgreSQL; on SQLite the writer's turns order them (UnitOfWork). */
type AppendQueue = 'urgent' | 'routine';

/** How an append reads the head it follows, having taken its turn on PostgreSQL. */
function headQuery(queue: AppendQueue, postgres: boolean): [string, unknown[]] {
  if (!postgres) return [HEAD_SQL, []];
  return queue === 'routine'
    ? [GATED_HEAD_SQL, [AUDIT_ROUTINE_GATE, AUDIT_CHAIN_LOCK]]
    : [LOCKED_HEAD_SQL, [AUDIT_CHAIN_LOCK]];
}
const VERIFY_PAGE = 2_000;
const READ_PAGE = 1_000;
const AUDIT_COLUMNS = [
  'seq',
  'at',
  'actor_id',
  'actor',
  'role',
  'action',
  'entity',
  'entity_id',
  'session_id',
  'detail',
  'prev_hash',
  'hash',
] as const;

function auditRowValues(entry: AuditEntryEntity): unknown[] {
  return [
    entry.seq,
    entry.at,
    entry.actorId,
    entry.actor,
    entry.role,
    entry.action,
    entry.entity,
    entry.entityId,
    entry.sessionId,
    entry.detail,
    entry.prevHash,
    entry.hash,
  ];
}

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * Appends to the chain inside the caller's transaction, so the entry commits or rolls back with
   * the change it records. On PostgreSQL a transaction-scoped advisory lock makes concurrent
   * appends (from any instance) take turns; on SQLite the UnitOfWork already serialises writers.
   */
  async append(
    manager: SqlRunner,
    actor: Actor,
    event: AuditEvent,
    headReadAhead?: AuditChainHead,
  ): Promise<AuditEntryEntity> {
    const [entry] = await this.appendAll(manager, [{ actor, event }], headReadAhead);
    // appendAll writes one entry per record; without it the change must not commit unaudited.
    if (!entry) throw new Error('the audit chain did not take the entry');
    return entry;
  }

  /**
   * Several entries in chain order for one lock, one read of the chain's head and one insert: how
   * a group of writes committed together (vitals from many beds) stays cheap under load. A SQLite
   * transaction may have read the head already (`AUDIT_HEAD_QUERY`); on PostgreSQL the head is
   * read here, under the chain's lock, and only here.
   */
  appendAll(
    manager: SqlRunner,
    records: ReadonlyArray<{ actor: Actor; event: AuditEvent }>,
    headReadAhead?: AuditChainHead,
  ): Promise<AuditEntryEntity[]> {
    return this.appendInQueue('urgent', manager, records, headReadAhead);
  }

  /**
   * As `appendAll`, for a write nobody waits on clinically (the readings' group commits, several
   * in flight on each instance): on PostgreSQL it passes the routine gate first, so that an
   * alarm's append, a clinician's command or a login is never queued for the chain behind more
   * than one of them.
   */
  appendRoutine(
    manager: SqlRunner,
    records: ReadonlyArray<{ actor: Actor; event: AuditEvent }>,
    headReadAhead?: AuditChainHead,
  ): Promise<AuditEntryEntity[]> {
    return this.appendInQueue('routine', manager, records, headReadAhead);
  }

  private async appendInQueue(
    queue: AppendQueue,
    manager: SqlRunner,
    records: ReadonlyArray<{ actor: Actor; event: AuditEvent }>,
    headReadAhead: AuditChainHead | undefined,
  ): Promise<AuditEntryEntity[]> {
    if (records.length === 0) return [];
    const postgres = manager.connection.options.type === 'postgres';
    if (postgres && headReadAhead) {
      throw new Error('the audit chain head read ahead of its lock: entries could fork the chain');
    }
    const head = headReadAhead ?? chainHead(await manager.query(...headQuery(queue, postgres)));
    let { seq, hash: prevHash } = head;
    const at = toIsoTimestamp(Date.now());
    const entries = records.map(({ actor, event }): AuditEntryEntity => {
      seq += 1;
      const fields = {
        seq,
        at,
        actorId: actor.actorId,
        actor: actor.actor,
        role: actor.role,
        action: event.action,
        entity: event.entity,
        entityId: event.entityId ?? null,
        sessionId: event.sessionId ?? null,
        detail: canonicalJson(event.detail ?? {}),
        prevHash,
      };
      prevHash = auditHash(fields);
      return { ...fields, hash: prevHash };
    });
    // Nothing reads what the insert returns: on the writer thread it goes with the COMMIT.
    await execute(
      manager,
      multiRowInserts('audit_entry', AUDIT_COLUMNS, entries.map(auditRowValues), postgres),
    );
    return entries;
  }

  /** An entry of its own, for what changes nothing else: reads, refusals, logins. */
  record(actor: Actor, event: AuditEvent): Promise<AuditEntryEntity> {
    return this.unitOfWork.run((manager) => this.append(manager, actor, event));
  }

  async list(query: Partial<AuditQuery>): Promise<AuditEntry[]> {
    const descending = query.order === 'desc';
    const builder = this.filtered(query)
      .orderBy('entry.seq', descending ? 'DESC' : 'ASC')
      .limit(query.limit ?? 1000);
    if (query.cursor !== undefined) {
      builder.andWhere(descending ? 'entry.seq < :cursor' : 'entry.seq > :cursor', {
        cursor: query.cursor,
      });
    }
    return (await builder.getMany()).map(toAuditEntry);
  }

  /**
   * Every entry the filters match, oldest first, a page at a time: a reader gets the whole trail
   * however long it has grown, never more than one page in memory. Pages follow seq (the chain's
   * order, and the order appends commit in), so none is skipped or read twice.
   */
  async *pages(
    query: Pick<Partial<AuditQuery>, 'from' | 'to' | 'actor' | 'sessionId'>,
    pageSize = READ_PAGE,
  ): AsyncGenerator<AuditEntry[]> {
    let after = 0;
    for (;;) {
      const page = await this.filtered(query)
        .andWhere('entry.seq > :after', { after })
        .orderBy('entry.seq', 'ASC')
        .limit(pageSize)
        .getMany();
      if (page.length > 0) yield page.map(toAuditEntry);
      const last = page.at(-1);
      if (!last || page.length < pageSize) return;
      after = last.seq;
    }
  }

  private filtered(query: Pick<Partial<AuditQuery>, 'from' | 'to' | 'actor' | 'sessionId'>) {
    const builder = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('entry');
    if (query.from) builder.andWhere('entry.at >= :from', { from: toIsoTimestamp(query.from) });
    if (query.to) builder.andWhere('entry.at <= :to', { to: toIsoTimestamp(query.to) });
    if (query.actor) builder.andWhere('entry.actor = :actor', { actor: query.actor });
    if (query.sessionId)
      builder.andWhere('entry.sessionId = :sessionId', { sessionId: query.sessionId });
    return builder;
  }

  /**
   * Walks the chain in seq order and recomputes every hash. An edited row fails its own hash; a
   * deleted one leaves a gap in seq; rows swapped or reordered break the prevHash links.
   */
  async verify(): Promise<AuditVerification> {
    const repository = this.dataSource.getRepository(AuditEntryEntity);
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const page = await repository
        .createQueryBuilder('entry')
        .where('entry.seq >= :from', { from: expectedSeq })
        .orderBy('entry.seq', 'ASC')
        .limit(VERIFY_PAGE)
        .getMany();
      for (const entry of page) {
        const { hash, ...fields } = entry;
        if (
          entry.seq !== expectedSeq ||
          entry.prevHash !== prevHash ||
          auditHash(fields) !== hash
        ) {
          return { valid: false, brokenAt: expectedSeq };
        }
        prevHash = hash;
        expectedSeq += 1;
      }
      if (page.length < VERIFY_PAGE) break;
    }
    const total = await repository.count();
    // Rows that the walk never reached (below seq 1, or beyond a gap at the end) are tampering too.
    if (total !== expectedSeq - 1) return { valid: false, brokenAt: expectedSeq };
    return { valid: true, entries: total };
  }
}

function toAuditEntry(entity: AuditEntryEntity): AuditEntry {
  return {
    seq: entity.seq,
    at: entity.at,
    actor: entity.actor,
    role: entity.role,
    action: entity.action,
    entity: entity.entity,
    entityId: entity.entityId,
    sessionId: entity.sessionId,
    detail: JSON.parse(entity.detail) as Record<string, unknown>,
    prevHash: entity.prevHash,
    hash: entity.hash,
  };
}
