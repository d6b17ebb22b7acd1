import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';
import { ISO_TIMESTAMP_LENGTH } from '../columns';

const timestamp = (name: string, isNullable = false) => ({
  name,
  type: 'varchar',
  length: String(ISO_TIMESTAMP_LENGTH),
  isNullable,
});

/** The database itself refuses to change or remove an audit entry, as a second line of defence. */
const APPEND_ONLY: Record<'postgres' | 'sqlite', { up: string[]; down: string[] }> = {
  postgres: {
    up: [
      `CREATE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit_entry is append-only'; END; $$ LANGUAGE plpgsql`,
      `CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
       FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`,
    ],
    down: [
      'DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry',
      'DROP FUNCTION IF EXISTS audit_entry_append_only()',
    ],
  },
  sqlite: {
    up: [
      `CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END`,
      `CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END`,
    ],
    down: [
      'DROP TRIGGER IF EXISTS audit_entry_no_update',
      'DROP TRIGGER IF EXISTS audit_entry_no_delete',
    ],
  },
};

const dialect = (queryRunner: QueryRunner) =>
  queryRunner.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';

export class IdentityAndAudit1764079200000 implements MigrationInterface {
  name = 'IdentityAndAudit1764079200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const uuid = queryRunner.connection.driver.normalizeType({ type: 'uuid' });
    await queryRunner.createTable(
      new Table({
        name: 'app_user',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'username', type: 'varchar', length: '64' },
          { name: 'display_name', type: 'varchar', length: '120' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          // Each driver's own literal, as TypeORM writes it for the entity.
          {
            name: 'disabled',
            type: 'boolean',
            default: dialect(queryRunner) === 'postgres' ? 'false' : '0',
          },
          { name: 'failed_logins', type: 'integer', default: 0 },
          timestamp('locked_until', true),
          timestamp('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_app_user_username', columnNames: ['username'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'auth_session',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'user_id', type: uuid },
          timestamp('created_at'),
          timestamp('expires_at'),
          timestamp('revoked_at', true),
        ],
        indices: [new TableIndex({ name: 'idx_auth_session_user', columnNames: ['user_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'device',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'label', type: 'varchar', length: '80' },
          { name: 'bay', type: 'varchar', length: '32', isNullable: true },
          { name: 'key_hash', type: 'varchar', length: '64' },
          { name: 'key_prefix', type: 'varchar', length: '16' },
          timestamp('created_at'),
          timestamp('revoked_at', true),
        ],
        uniques: [new TableUnique({ name: 'uq_device_key_hash', columnNames: ['key_hash'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_entry',
        columns: [
          { name: 'seq', type: 'bigint', isPrimary: true },
          timestamp('at'),
          { name: 'actor_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'actor', type: 'varchar', length: '120' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'entity', type: 'varchar', length: '32' },
          { name: 'entity_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'session_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'detail', type: 'text' },
          { name: 'prev_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
        indices: [
          new TableIndex({ name: 'idx_audit_entry_at', columnNames: ['at'] }),
          new TableIndex({ name: 'idx_audit_entry_session', columnNames: ['session_id'] }),
          new TableIndex({ name: 'idx_audit_entry_actor', columnNames: ['actor'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'app_secret',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'varchar', length: '255' },
        ],
      }),
    );
    for (const statement of APPEND_ONLY[dialect(queryRunner)].up)
      await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of APPEND_ONLY[dialect(queryRunner)].down)
      await queryRunner.query(statement);
    for (const table of ['app_secret', 'audit_entry', 'device', 'auth_session', 'app_user']) {
      await queryRunner.dropTable(table);
    }
  }
}
