import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { ISO_TIMESTAMP_LENGTH } from '../columns';

const timestamp = (name: string) => ({
  name,
  type: 'varchar',
  length: String(ISO_TIMESTAMP_LENGTH),
});
const actor = (name: string, isNullable = false) => ({
  name,
  type: 'varchar',
  length: '120',
  isNullable,
});

/**
 * The administration record: what the pump did (start, rate changes, pauses, stop, each with its
 * rate), and the controlled-substance record (ketamine drawn and wasted, the waste witnessed).
 */
export class AdministrationRecord1764151200000 implements MigrationInterface {
  name = 'AdministrationRecord1764151200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const uuid = queryRunner.connection.driver.normalizeType({ type: 'uuid' });
    await queryRunner.createTable(
      new Table({
        name: 'pump_event',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'session_id', type: uuid },
          { name: 'sequence', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          timestamp('at'),
          { name: 'rate_ml_per_h', type: 'double precision' },
          actor('recorded_by'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_pump_event_session_sequence',
            columnNames: ['session_id', 'sequence'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ketamine_entry',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'session_id', type: uuid },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'mg', type: 'double precision' },
          { name: 'lot', type: 'varchar', length: '64', isNullable: true },
          timestamp('at'),
          actor('recorded_by'),
          actor('witnessed_by', true),
        ],
        indices: [
          new TableIndex({ name: 'idx_ketamine_entry_session', columnNames: ['session_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ketamine_entry');
    await queryRunner.dropTable('pump_event');
  }
}
