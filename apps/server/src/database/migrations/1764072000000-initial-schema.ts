import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';
import { ISO_TIMESTAMP_LENGTH } from '../columns';

/** PostgreSQL has a native uuid type; SQLite keeps ids as text, as TypeORM's entities expect. */
const uuidType = (queryRunner: QueryRunner) =>
  queryRunner.connection.driver.normalizeType({ type: 'uuid' });

const timestamp = (name: string, isNullable = false) => ({
  name,
  type: 'varchar',
  length: String(ISO_TIMESTAMP_LENGTH),
  isNullable,
});

/**
 * Written with TypeORM's schema builder rather than SQL so that one migration serves SQLite and
 * PostgreSQL alike; a test checks that the entities and the migrated schema agree on both.
 */
export class InitialSchema1764072000000 implements MigrationInterface {
  name = 'InitialSchema1764072000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const uuid = uuidType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'patient',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'mrn', type: 'varchar', length: '64' },
          { name: 'display_name', type: 'varchar', length: '120' },
          { name: 'birth_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'weight_kg', type: 'double precision' },
          timestamp('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_patient_mrn', columnNames: ['mrn'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'infusion_session',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'patient_id', type: uuid },
          { name: 'bay', type: 'varchar', length: '32' },
          { name: 'indication', type: 'varchar', length: '32' },
          { name: 'dose_mg_per_kg', type: 'double precision' },
          { name: 'total_dose_mg', type: 'double precision' },
          { name: 'planned_duration_min', type: 'integer' },
          { name: 'state', type: 'varchar', length: '16' },
          timestamp('created_at'),
          timestamp('started_at', true),
          timestamp('ended_at', true),
          { name: 'paused_ms', type: 'integer', default: 0 },
          timestamp('paused_at', true),
        ],
        indices: [
          new TableIndex({ name: 'idx_infusion_session_state_bay', columnNames: ['state', 'bay'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'vital_sample',
        columns: [
          { name: 'session_id', type: uuid, isPrimary: true },
          { name: 'source', type: 'varchar', length: '80', isPrimary: true },
          { name: 'dedupe_key', type: 'varchar', length: '40', isPrimary: true },
          { name: 'seq', type: 'bigint', isNullable: true },
          timestamp('at'),
          timestamp('received_at'),
          { name: 'systolic', type: 'double precision', isNullable: true },
          { name: 'diastolic', type: 'double precision', isNullable: true },
          { name: 'heart_rate', type: 'double precision', isNullable: true },
          { name: 'spo2', type: 'double precision', isNullable: true },
          { name: 'resp_rate', type: 'double precision', isNullable: true },
          { name: 'etco2', type: 'double precision', isNullable: true },
        ],
        indices: [
          new TableIndex({
            name: 'idx_vital_sample_session_at',
            columnNames: ['session_id', 'at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('vital_sample');
    await queryRunner.dropTable('infusion_session');
    await queryRunner.dropTable('patient');
  }
}
