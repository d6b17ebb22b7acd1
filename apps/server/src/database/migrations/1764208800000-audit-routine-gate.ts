import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * On PostgreSQL, routine appends to the audit chain (the readings' group commits) take a gate
 * before the chain's lock, in the statement that reads the head: the gate, then the one-argument
 * function an urgent append calls (AuditChainHead1764201600000), whose volatile query reads the
 * head once the chain's lock is granted. PostgreSQL grants the chain's lock first come, first
 * served, and up to three group commits an instance queued for it, so an alarm's raise waited
 * behind every one of them; behind the gate at most one routine append is queued for the chain at
 * a time, and an alarm waits for that one and the holder, no more. The gate and the chain's lock
 * are always taken in that order, and urgent appends take only the chain's, so no two appenders
 * can wait for each other. During a rolling upgrade the release before keeps calling the
 * one-argument function, and its group commits queue for the chain as urgent appends do.
 */
export class AuditRoutineGate1764208800000 implements MigrationInterface {
  name = 'AuditRoutineGate1764208800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(
      `CREATE FUNCTION audit_chain_head_locked(routine_gate bigint, chain_lock bigint)
       RETURNS TABLE (seq bigint, hash varchar) LANGUAGE plpgsql VOLATILE AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock(routine_gate);
         RETURN QUERY SELECT * FROM audit_chain_head_locked(chain_lock);
       END
       $$`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('DROP FUNCTION audit_chain_head_locked(bigint, bigint)');
  }
}
