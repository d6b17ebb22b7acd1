import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * On PostgreSQL, the audit chain's lock and its head in one statement: an append held the lock
 * over three round trips (the head, the insert, the COMMIT), each through a busy event loop, and
 * every writer of the chain waited for it in turn; at 2,000 chairs an alarm's raise waited about
 * 250 ms there (docs/benchmarks.md). A VOLATILE function takes a fresh snapshot for each query it
 * runs, so the head it reads is the one committed before the lock was granted, never one from
 * before the wait. SQLite has no such lock: its writers take turns.
 */
export class AuditChainHead1764201600000 implements MigrationInterface {
  name = 'AuditChainHead1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(
      `CREATE FUNCTION audit_chain_head_locked(chain_lock bigint)
       RETURNS TABLE (seq bigint, hash varchar) LANGUAGE plpgsql VOLATILE AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock(chain_lock);
         RETURN QUERY SELECT entry.seq, entry.hash FROM audit_entry entry
           ORDER BY entry.seq DESC LIMIT 1;
       END
       $$`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('DROP FUNCTION audit_chain_head_locked(bigint)');
  }
}
