import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { login, seedUsers } from '../../test/test-users';
import { actorOf, systemPrincipal } from '../auth/principal';
import type { AuditEntry } from '@vigil/shared';
import { UnitOfWork } from '../database/unit-of-work';
import { AUDIT_CHAIN_LOCK, AuditService, chainHead } from './audit.service';

describe.each(testDatabases())('audit trail on $name', (database) => {
  let app: NestExpressApplication;
  let audit: AuditService;
  let dataSource: DataSource;
  const actor = actorOf(systemPrincipal('test'));
  const postgres = database.name === 'postgres';

  /** Tampering as someone with direct database access would: around the append-only trigger. */
  async function tamper(statement: string, parameters: unknown[] = []): Promise<void> {
    const runner = dataSource.createQueryRunner();
    try {
      if (postgres) {
        await runner.query('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only');
        await runner.query(
          statement.replace(
            /\?/g,
            (_match, offset: number) => `$${statement.slice(0, offset).split('?').length}`,
          ),
          parameters,
        );
        await runner.query('ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only');
      } else {
        await runner.query('DROP TRIGGER IF EXISTS audit_entry_no_update');
        await runner.query('DROP TRIGGER IF EXISTS audit_entry_no_delete');
        await runner.query(statement, parameters);
      }
    } finally {
      await runner.release();
    }
  }

  async function freshChain(entries: number): Promise<void> {
    ({ app } = await startTestApp(await database.create()));
    audit = app.get(AuditService);
    dataSource = app.get(DataSource);
    for (let index = 0; index < entries; index += 1) {
      await audit.record(actor, { action: 'test.event', entity: 'test', detail: { index } });
    }
  }

  /** Waits until this many transactions wait for one of the audit's advisory locks. */
  async function advisoryWaiters(count: number): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const [row] = await dataSource.query<Array<{ waiting: string }>>(
        `SELECT count(*) AS waiting FROM pg_locks
          WHERE locktype = 'advisory' AND NOT granted AND database =
            (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      if (Number(row?.waiting) === count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`never ${count} transactions waiting for an advisory lock`);
  }

  afterEach(async () => {
    await app?.close();
    await database.drop();
  });

  it('chains every entry to the one before and verifies the whole chain', async () => {
    await freshChain(5);
    const entries = await audit.list({ limit: 100 });
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    entries.slice(1).forEach((entry, index) => expect(entry.prevHash).toBe(entries[index]?.hash));
    expect(await audit.verify()).toEqual({ valid: true, entries: 5 });
  });

  it('keeps the chain whole and gapless under concurrent writers', async () => {
    await freshChain(0);
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        audit.record(actor, { action: 'test.concurrent', entity: 'test', detail: { index } }),
      ),
    );
    expect(await audit.verify()).toEqual({ valid: true, entries: 40 });
  });

  it('takes a head read ahead only where writers take turns: on SQLite, not on PostgreSQL', async () => {
    await freshChain(0);
    const outcome = await app
      .get(UnitOfWork)
      .run((manager) =>
        audit.appendAll(
          manager,
          [{ actor, event: { action: 'test.read-ahead', entity: 'test' } }],
          chainHead([]),
        ),
      )
      .then(
        () => 'appended',
        (error: Error) => error.message,
      );
    expect(outcome).toBe(
      postgres
        ? 'the audit chain head read ahead of its lock: entries could fork the chain'
        : 'appended',
    );
    expect(await audit.verify()).toEqual({ valid: true, entries: postgres ? 0 : 1 });
  });

  it('appends in two statements, the head read under the chain’s lock in one of them', async () => {
    await freshChain(1);
    const statements: string[] = [];
    await app.get(UnitOfWork).run((manager) =>
      audit.appendAll(
        {
          connection: manager.connection,
          query: (sql: string, parameters?: unknown[]) => {
            statements.push(sql);
            return manager.query(sql, parameters);
          },
        },
        [{ actor, event: { action: 'test.round-trips', entity: 'test' } }],
      ),
    );
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(
      postgres ? /FROM audit_chain_head_locked\(\$1\)/ : /^SELECT seq, hash FROM audit_entry/,
    );
    expect(statements[1]).toMatch(/^INSERT INTO audit_entry/);
    expect(await audit.verify()).toEqual({ valid: true, entries: 2 });
  });

  it('keeps the chain whole and gapless with routine and urgent writers interleaved', async () => {
    await freshChain(0);
    const unitOfWork = app.get(UnitOfWork);
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        index % 2
          ? audit.record(actor, { action: 'test.urgent', entity: 'test', detail: { index } })
          : unitOfWork.run((manager) =>
              audit.appendRoutine(manager, [
                { actor, event: { action: 'test.routine', entity: 'test', detail: { index } } },
                { actor, event: { action: 'test.routine', entity: 'test', detail: { index } } },
              ]),
            ),
      ),
    );
    expect(await audit.verify()).toEqual({ valid: true, entries: 60 });
  });

  if (postgres) {
    it('queues an urgent append behind one routine append at most, however many wait', async () => {
      await freshChain(0);
      const unitOfWork = app.get(UnitOfWork);
      // Another instance's transaction holding the chain, as a group commit does to its COMMIT.
      const holder = dataSource.createQueryRunner();
      await holder.startTransaction();
      await holder.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
      const appended: string[] = [];
      const routine = (name: string) =>
        unitOfWork
          .run((manager) =>
            audit.appendRoutine(manager, [{ actor, event: { action: name, entity: 'test' } }]),
          )
          .then(() => appended.push(name));
      // One by one, so that each is queued before the next asks.
      const waiting: Array<Promise<unknown>> = [];
      for (const [index, name] of ['routine-1', 'routine-2', 'routine-3'].entries()) {
        waiting.push(routine(name));
        await advisoryWaiters(index + 1);
      }
      waiting.push(
        audit
          .record(actor, { action: 'urgent', entity: 'test' })
          .then(() => appended.push('urgent')),
      );
      await advisoryWaiters(4);
      await holder.commitTransaction();
      await holder.release();
      await Promise.all(waiting);

      const trail = await audit.list({ limit: 10 });
      expect(trail.map((entry) => entry.action)).toEqual([
        'routine-1',
        'urgent',
        'routine-2',
        'routine-3',
      ]);
      expect(appended.slice(0, 2)).toEqual(['routine-1', 'urgent']);
      expect(await audit.verify()).toEqual({ valid: true, entries: 4 });
    });
  }

  it('refuses an UPDATE or DELETE through the database itself', async () => {
    await freshChain(2);
    await expect(
      dataSource.query(`UPDATE audit_entry SET actor = 'mallory' WHERE seq = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM audit_entry WHERE seq = 2')).rejects.toThrow(
      /append-only/,
    );
    expect(await audit.verify()).toEqual({ valid: true, entries: 2 });
  });

  it('finds an edited entry', async () => {
    await freshChain(6);
    await tamper(`UPDATE audit_entry SET detail = ? WHERE seq = 4`, ['{"index":99}']);
    expect(await audit.verify()).toEqual({ valid: false, brokenAt: 4 });
  });

  it('finds a deleted entry', async () => {
    await freshChain(6);
    await tamper('DELETE FROM audit_entry WHERE seq = 3');
    expect(await audit.verify()).toEqual({ valid: false, brokenAt: 3 });
  });

  it('finds the last entry deleted', async () => {
    await freshChain(6);
    await tamper('DELETE FROM audit_entry WHERE seq = 6');
    // A truncated tail leaves a valid-looking chain; the count of entries tells the auditor.
    expect(await audit.verify()).toEqual({ valid: true, entries: 5 });
  });

  it('finds entries swapped in order', async () => {
    await freshChain(6);
    await tamper('UPDATE audit_entry SET seq = 1000 WHERE seq = 2');
    await tamper('UPDATE audit_entry SET seq = 2 WHERE seq = 5');
    await tamper('UPDATE audit_entry SET seq = 5 WHERE seq = 1000');
    expect(await audit.verify()).toEqual({ valid: false, brokenAt: 2 });
  });

  it('finds an entry whose hash was recomputed after an edit (the next link breaks)', async () => {
    await freshChain(4);
    const second = (await audit.list({ limit: 10 }))[1]!; // freshChain(4) wrote four.
    const { auditHash } = await import('./audit-hash');
    const { hash: _hash, ...fields } = { ...second, actorId: null, detail: '{"index":42}' };
    await tamper('UPDATE audit_entry SET detail = ?, hash = ? WHERE seq = 2', [
      fields.detail,
      auditHash(fields),
    ]);
    expect(await audit.verify()).toEqual({ valid: false, brokenAt: 3 });
  });

  it('serves the trail and its verification to auditors, filtered by time, actor and session', async () => {
    await freshChain(0);
    await seedUsers(app);
    const auditor = await login(app, 'auditor');
    const http = () => request(app.getHttpServer());
    const all: AuditEntry[] = (
      await http().get('/api/v1/audit').set('Authorization', `Bearer ${auditor}`).expect(200)
    ).body;
    expect(all.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['user.created', 'auth.login']),
    );
    const byActor: AuditEntry[] = (
      await http()
        .get('/api/v1/audit?actor=auditor')
        .set('Authorization', `Bearer ${auditor}`)
        .expect(200)
    ).body;
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((entry) => entry.actor === 'auditor')).toBe(true);
    const future = (
      await http()
        .get(`/api/v1/audit?from=${new Date(Date.now() + 60_000).toISOString()}`)
        .set('Authorization', `Bearer ${auditor}`)
        .expect(200)
    ).body;
    expect(future).toEqual([]);
    const bySession = await http()
      .get('/api/v1/audit?sessionId=not-a-uuid')
      .set('Authorization', `Bearer ${auditor}`)
      .expect(400);
    expect(bySession.body.message).toEqual(['sessionId must be a session id (UUID)']);
    const verified = (
      await http().get('/api/v1/audit/verify').set('Authorization', `Bearer ${auditor}`).expect(200)
    ).body;
    expect(verified).toEqual({ valid: true, entries: all.length });
  });
});
