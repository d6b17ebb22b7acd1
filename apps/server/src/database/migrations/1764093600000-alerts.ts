import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { ISO_TIMESTAMP_LENGTH } from '../columns';

const timestamp = (name: string, isNullable = false) => ({
  name,
  type: 'varchar',
  length: String(ISO_TIMESTAMP_LENGTH),
  isNullable,
});

export class Alerts1764093600000 implements MigrationInterface {
  name = 'Alerts1764093600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const uuid = queryRunner.connection.driver.normalizeType({ type: 'uuid' });
    await queryRunner.createTable(
      new Table({
        name: 'alert',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'session_id', type: uuid },
          { name: 'bay', type: 'varchar', length: '32' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'code', type: 'varchar', length: '32' },
          { name: 'priority', type: 'varchar', length: '8' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'message', type: 'varchar', length: '200' },
          { name: 'value', type: 'double precision', isNullable: true },
          { name: 'threshold', type: 'double precision', isNullable: true },
          timestamp('raised_at'),
          timestamp('acknowledged_at', true),
          { name: 'acknowledged_by', type: 'varchar', length: '120', isNullable: true },
          { name: 'acknowledge_note', type: 'text', isNullable: true },
          timestamp('resolved_at', true),
          { name: 'escalation_level', type: 'integer', default: 0 },
          timestamp('reminded_at', true),
        ],
        indices: [
          new TableIndex({
            name: 'uq_alert_open_per_code',
            columnNames: ['session_id', 'code'],
            isUnique: true,
            where: `state <> 'resolved'`,
          }),
          new TableIndex({ name: 'idx_alert_state_raised', columnNames: ['state', 'raised_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('alert');
  }
}
