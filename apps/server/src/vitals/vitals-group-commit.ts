import {
  Injectable,
  Logger,
  ServiceUnavailableException,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { acceptsVitals, type SessionState } from '@vigil/shared';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ObservedSession } from '../alerts/physiological-alerts';
import {
  AuditService,
  queryEachWithAuditHead,
  type AuditChainHead,
  type AuditEvent,
} from '../audit/audit.service';
import { actorOf, outsideItsBay, type Actor, type Principal } from '../auth/principal';
import { conflict, forbidden, notFound } from '../common/vigil.exception';
import { isRowsNotAsExpected, type SqlRunner, type Statement } from '../database/sqlite-thread';
import { UnitOfWork } from '../database/unit-of-work';
import { VitalsMetrics } from '../metrics/vitals.metrics';
import {
  SessionSettingsByRevision,
  type SessionSettings,
  type StoredSettingsRow,
  withSettings,
} from '../sessions/session-settings';
import { LiveSessionRegister } from './live-session-register';
import type { VitalSampleEntity } from './vital-sample.entity';
import { sameMeasurements } from './vital-sample.mapper';
import { sampleKey, VitalSamplesRepository } from './vital-samples.repository';

export interface VitalsSubmission {
  principal: Principal;
  sessionId: string;
  /** The batch's samples, each key once. */
  rows: VitalSampleEntity[];
  /** Samples the batch carried twice under one key, with other values the second time. */
  conflicting: VitalSampleEntity[];
  /** How many samples the batch carried, its own repeats included. */
  offered: number;
}

/** What ingest needs of a session: its state to accept readings, and what the rules read. */
export interface IngestSession extends ObservedSession {
  state: SessionState;
}

export interface VitalsCommitted {
  session: IngestSession;
  stored: VitalSampleEntity[];
}

interface Pending extends VitalsSubmission {
  resolve: (committed: VitalsCommitted) => void;
  reject: (error: unknown) => void;
}

type Outcome = VitalsCommitted | { refusal: unknown };

/** A batch of a group and, as the commit goes on, what it comes to. */
interface Batch {
  pending: Pending;
  outcome: Outcome;
}

/**
 * Bounds one transaction's size; what is left waits for the next commit, a moment later. Past
 * capacity the queue and the commits grow, and a write that needs the writer between two commits
 * (an alarm's raise, on SQLite) waits for one: at 5,000 chairs alarms took 267–340 ms at p99 with
 * 1,000 rows a commit (three of four runs), 833 ms with 5,000 (docs/benchmarks.md).
 */
const MAX_ROWS_PER_COMMIT = 1_000;
/**
 * How long the first batch of a group waits for others. A commit costs far more than the rows in
 * it (its log pages, written whole whatever share of them changed, and its sync), so the more
 * batches one commit carries the less each pays: at 2,500 chairs 20 ms gathers about 80 batches
 * a commit, and the server spent about 10 % less CPU a reading than at 5 ms (docs/benchmarks.md).
 * Only the answer waits: readings are judged on arrival (LiveSessionRegister) and a reading
 * judged after its commit (the first of a session) still raises far inside the 100 ms an alarm
 * may take. A full group waiting has nothing to gather: it starts at once, since past capacity
 * the linger (and a busy event loop's late timer) was a sixth of each commit's turn.
 */
const COMMIT_LINGER_MS = 20;

/**
 * Group commit for readings. Batches that arrive while a commit is under way wait for it and are
 * then committed together: one transaction, multi-row inserts and one append to the audit chain
 * (still one entry per batch). At low load a group is a single batch and nothing waits; under
 * load the groups grow, so the chain's global lock is taken once per group instead of once per
 * bed. No batch is answered before its group has committed.
 */
@Injectable()
export class VitalsGroupCommit implements BeforeApplicationShutdown {
  private readonly logger = new Logger(VitalsGroupCommit.name);
  private queue: Pending[] = [];
  /** The rows of the queued batches: a full group need not linger. */
  private queuedRows = 0;
  private linger: NodeJS.Timeout | null = null;
  private closing = false;
  private committing = 0;
  /**
   * On SQLite commits take turns anyway (one connection). On PostgreSQL a few overlap: while one
   * group holds the audit chain's lock, the next is already inserting its samples.
   */
  private readonly concurrentCommits: number;
  /** Batches are answered in the order they were taken, whichever group commits first. */
  private answered: Promise<void> = Promise.resolve();
  /** Sessions come and go: bounded well above any ward's live sessions, then started over. */
  private readonly settings = new SessionSettingsByRevision(20_000);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly samples: VitalSamplesRepository,
    private readonly audit: AuditService,
    private readonly metrics: VitalsMetrics,
    private readonly register: LiveSessionRegister,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.concurrentCommits = dataSource.options.type === 'postgres' ? 3 : 1;
    metrics.watchQueue(() => this.queue.length);
  }

  submit(submission: VitalsSubmission): Promise<VitalsCommitted> {
    if (this.closing) {
      // Nothing of it is stored: the monitor sends it again, to an instance that stays up.
      return Promise.reject(
        new ServiceUnavailableException('server is shutting down; send the readings again'),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ ...submission, resolve, reject });
      this.queuedRows += submission.rows.length;
      this.schedule();
    });
  }

  /**
   * Readings already received are committed (and answered) before the process exits. New ones are
   * refused from here on: under load they would keep the queue from ever emptying.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    while (this.queue.length > 0 || this.committing > 0 || this.linger) {
      await new Promise((resolve) => setTimeout(resolve, COMMIT_LINGER_MS));
    }
    await this.answered;
  }

  private schedule(): void {
    while (this.queue.length > 0 && this.committing < this.concurrentCommits) {
      if (this.queuedRows < MAX_ROWS_PER_COMMIT) {
        this.linger ??= setTimeout(() => {
          this.linger = null;
          this.startGroup();
          this.schedule();
        }, COMMIT_LINGER_MS);
        return;
      }
      if (this.linger) clearTimeout(this.linger);
      this.linger = null;
      this.startGroup();
    }
  }

  private startGroup(): void {
    const group = this.takeGroup();
    this.metrics.recordCommitGroup(group.length);
    this.committing += 1;
    const outcomes = this.commitOrSplit(group);
    this.answered = Promise.all([this.answered, outcomes]).then(([, results]) =>
      this.settle(group, results),
    );
    void outcomes.finally(() => {
      this.committing -= 1;
      this.schedule();
    });
  }

  /** Never rejects: a failed group is committed batch by batch, so one cannot sink the others. */
  private async commitOrSplit(group: Pending[]): Promise<Outcome[]> {
    try {
      return await this.commit(group);
    } catch (error) {
      if (group.length === 1) return [{ refusal: error }];
      this.logger.warn(`group commit of ${group.length} batches failed; committing one by one`);
      const outcomes: Outcome[] = [];
      for (const pending of group) {
        try {
          outcomes.push(...(await this.commit([pending])));
        } catch (single) {
          outcomes.push({ refusal: single });
        }
      }
      return outcomes;
    }
  }

  private takeGroup(): Pending[] {
    let rows = 0;
    let size = 0;
    for (const pending of this.queue) {
      if (size > 0 && rows >= MAX_ROWS_PER_COMMIT) break;
      rows += pending.rows.length;
      size += 1;
    }
    const group = this.queue.slice(0, size);
    this.queue = this.queue.slice(size);
    this.queuedRows -= rows;
    return group;
  }

  private settle(group: Pending[], outcomes: Outcome[]): void {
    group.forEach((pending, index) => {
      // One outcome per batch; were one missing, its sender must still hear back, never wait.
      const outcome = outcomes[index] ?? {
        refusal: new Error('the commit left a batch unanswered'),
      };
      if ('refusal' in outcome) pending.reject(outcome.refusal);
      else pending.resolve(outcome);
    });
  }

  /**
   * One transaction for the group. First on the assumption that every sample is new (nearly
   * always so: a monitor resends only what went unanswered), where the database can check it as it
   * commits: the inserts then travel with the COMMIT, and the group holds the writer's turn for
   * two round trips to its thread instead of three. A sample already stored fails that
   * transaction, and the group is committed again, reading back what was new.
   */
  private async commit(group: Pending[]): Promise<Outcome[]> {
    try {
      return await this.commitOnce(group, true);
    } catch (error) {
      if (isRowsNotAsExpected(error)) return this.commitOnce(group, false);
      throw error;
    }
  }

  private commitOnce(group: Pending[], assumeNew: boolean): Promise<Outcome[]> {
    return this.unitOfWork.runOffTheEventLoop(
      (manager) => this.groupTransaction(manager, group, assumeNew),
      { timed: (turnMs, transactionMs) => this.metrics.recordCommit(turnMs, transactionMs) },
    );
  }

  /** The group's statements, inside its transaction; what each batch is answered. */
  private async groupTransaction(
    manager: SqlRunner,
    group: Pending[],
    assumeNew: boolean,
  ): Promise<Outcome[]> {
    const { sessions, auditHead } = await this.sessionsOf(manager, group);
    const audits: Array<{ actor: Actor; event: AuditEvent }> = [];
    /** Each sample key once, with the row of the first batch that carried it. */
    const claimed = new Map<string, VitalSampleEntity>();
    const batches = group.map((pending): Batch => {
      const session = sessions.get(pending.sessionId);
      const refusal = this.refusal(pending, session, audits);
      if (refusal || !session) {
        return { pending, outcome: { refusal: refusal ?? sessionNotFound(pending.sessionId) } };
      }
      // A sample resent within one group is stored for the first batch that carried it.
      for (const row of pending.rows) {
        const key = sampleKey(row);
        if (!claimed.has(key)) claimed.set(key, row);
      }
      return { pending, outcome: { session, stored: [] } };
    });
    // In key order: overlapping commits then take the unique index's locks in one order.
    const candidates = [...claimed]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
    const inserted = new Set(
      assumeNew && this.samples.deferInsertOfNew(manager, candidates)
        ? candidates
        : await this.samples.insertNew(manager, candidates),
    );
    const conflicts = await this.conflictsOf(manager, batches, claimed, inserted);
    if (conflicts.size > 0 && group.length > 1) {
      // Nothing of a conflicting batch may be stored, yet its rows may stand for another
      // batch's resends: the group is rolled back and committed batch by batch.
      throw new Error('a batch of the group conflicts with stored samples');
    }
    for (const batch of batches) {
      const { pending, outcome } = batch;
      if ('refusal' in outcome) continue;
      const conflicting = conflicts.get(pending);
      if (conflicting) {
        batch.outcome = {
          refusal: refuseConflict(pending, conflicting, 'was already received', audits),
        };
        continue;
      }
      outcome.stored = pending.rows.filter((row) => inserted.has(row));
      if (outcome.stored.length === 0) continue;
      audits.push({
        actor: actorOf(pending.principal),
        event: {
          action: 'vitals.accepted',
          entity: 'session',
          entityId: pending.sessionId,
          sessionId: pending.sessionId,
          detail: {
            accepted: outcome.stored.length,
            duplicates: pending.offered - outcome.stored.length,
          },
        },
      });
    }
    // Only a lone batch gets here with a conflict: what it inserted is taken back.
    if (conflicts.size > 0) await this.samples.deleteByKeys(manager, [...inserted]);
    const outcomes = batches.map(({ outcome }) => outcome);
    const stored = outcomes.flatMap((outcome) => ('stored' in outcome ? outcome.stored : []));
    await this.samples.recordReceipts(manager, stored);
    await this.audit.appendRoutine(manager, audits, auditHead);
    return outcomes;
  }

  /**
   * Per batch, its samples whose key is already taken with other values: by a stored sample or by
   * an earlier batch of the group. Only the rows the insert refused are read back, so a group
   * without resends reads nothing.
   */
  private async conflictsOf(
    manager: SqlRunner,
    batches: Batch[],
    claimed: Map<string, VitalSampleEntity>,
    inserted: Set<VitalSampleEntity>,
  ): Promise<Map<Pending, VitalSampleEntity[]>> {
    const refused = [...claimed.values()].filter((row) => !inserted.has(row));
    const stored = refused.length > 0 ? await this.samples.findByKeys(manager, refused) : null;
    const conflicts = new Map<Pending, VitalSampleEntity[]>();
    for (const { pending, outcome } of batches) {
      if ('refusal' in outcome) continue;
      const conflicting: VitalSampleEntity[] = [];
      for (const row of pending.rows) {
        const key = sampleKey(row);
        const first = claimed.get(key);
        const earlier = first === row ? stored?.get(key) : first;
        if (earlier && !sameMeasurements(earlier, row)) conflicting.push(row);
      }
      if (conflicting.length > 0) conflicts.set(pending, conflicting);
    }
    return conflicts;
  }

  /**
   * The group's sessions as this transaction sees them, in one plain query with only the columns
   * ingest reads, and their settings by revision (read again only when changed); on SQLite with
   * the audit chain's head in the same message (writers take turns there, so it is still the head
   * when the group appends). What it finds also refreshes the register that judges the next
   * readings on arrival.
   */
  private async sessionsOf(
    manager: SqlRunner,
    group: Pending[],
  ): Promise<{ sessions: Map<string, IngestSession>; auditHead?: AuditChainHead }> {
    const ids = [...new Set(group.map((pending) => pending.sessionId))];
    const postgres = manager.connection.options.type === 'postgres';
    const select = (columns: string, ids: string[]): Statement => ({
      sql: `SELECT ${columns} FROM infusion_session WHERE id IN (${ids
        .map((_, index) => (postgres ? `$${index + 1}` : '?'))
        .join(', ')})`,
      parameters: ids,
    });
    const tick = this.register.beginRead();
    let sessions: Map<string, IngestSession> | null = null;
    try {
      const {
        results: [sessionRows],
        auditHead,
      } = await queryEachWithAuditHead(manager, [select(SESSION_COLUMNS, ids)]);
      const rows = sessionRows as SessionRow[];
      const settled = await withSettings(rows, this.settings, (unknown) => {
        const { sql, parameters } = select(`${SESSION_COLUMNS}, limits, assessment`, unknown);
        return manager.query<Array<SessionRow & StoredSettingsRow>>(sql, parameters);
      });
      sessions = new Map(
        settled.map(({ row, settings }) => [row.id, toIngestSession(row, settings)]),
      );
      return { sessions, auditHead };
    } finally {
      this.register.endRead(tick, sessions?.values() ?? null);
    }
  }

  /**
   * Why this batch cannot be stored, if it cannot; a device outside its bay and a batch that
   * contradicts itself are audited.
   */
  private refusal(
    pending: Pending,
    session: IngestSession | undefined,
    audits: Array<{ actor: Actor; event: AuditEvent }>,
  ): Error | null {
    if (!session) return sessionNotFound(pending.sessionId);
    const { principal } = pending;
    if (outsideItsBay(principal, session.bay)) {
      audits.push({
        actor: actorOf(principal),
        event: {
          action: 'access.denied',
          entity: 'session',
          entityId: session.id,
          sessionId: session.id,
          detail: { reason: 'device-bay-scope', deviceBay: principal.bay, sessionBay: session.bay },
        },
      });
      return forbidden(
        'DEVICE_BAY_MISMATCH',
        `device is registered to bay ${principal.bay}; session ${session.id} is in bay ${session.bay}`,
      );
    }
    if (!acceptsVitals(session.state)) {
      return conflict(
        'VITALS_NOT_ACCEPTED',
        `session ${session.id} is ${session.state} and accepts no vitals`,
        { state: session.state },
      );
    }
    if (pending.conflicting.length > 0) {
      return refuseConflict(pending, pending.conflicting, 'was sent twice in the batch', audits);
    }
    return null;
  }
}

const SESSION_COLUMNS = 'id, bay, state, threshold_profile_id, revision';

function toIngestSession(row: SessionRow, settings: SessionSettings): IngestSession {
  return {
    id: row.id,
    bay: row.bay,
    state: row.state,
    thresholdProfileId: row.threshold_profile_id,
    limits: settings.limits,
    assessment: settings.assessment,
  };
}

interface SessionRow {
  id: string;
  bay: string;
  state: SessionState;
  threshold_profile_id: string;
  revision: number | string;
}

/** Other values under a key already taken: nothing of the batch is stored, and that is audited. */
function refuseConflict(
  pending: Pending,
  conflicting: VitalSampleEntity[],
  how: string,
  audits: Array<{ actor: Actor; event: AuditEvent }>,
): Error {
  const samples = conflicting.map((row) => ({ seq: row.seq, at: row.at }));
  audits.push({
    actor: actorOf(pending.principal),
    event: {
      action: 'vitals.conflict',
      entity: 'session',
      entityId: pending.sessionId,
      sessionId: pending.sessionId,
      detail: { refused: pending.offered, samples },
    },
  });
  return conflict(
    'SAMPLE_CONFLICT',
    samples.map(
      ({ seq, at }) =>
        `sample ${seq === null ? '' : `seq ${seq} `}at ${at} ${how} with other values`,
    ),
    { samples },
  );
}

function sessionNotFound(sessionId: string): Error {
  return notFound(`session ${sessionId} not found`);
}
