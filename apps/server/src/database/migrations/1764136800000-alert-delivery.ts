import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

const time = (name: string, isNullable = false) => ({
  name,
  type: 'varchar',
  length: '24',
  isNullable,
});

/**
 * Whom each alert was sent to, at which step, when a screen of theirs received it and when they
 * opened it (one row per alert and person: the key makes each step's sending happen once across
 * instances); and who is charge nurse for which shift.
 */
export class AlertDelivery1764136800000 implements MigrationInterface {
  name = 'AlertDelivery1764136800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const uuid = queryRunner.connection.driver.normalizeType({ type: 'uuid' });
    await queryRunner.createTable(
      new Table({
        name: 'alert_delivery',
        columns: [
          { name: 'alert_id', type: uuid, isPrimary: true },
          { name: 'user_id', type: uuid, isPrimary: true },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'level', type: 'integer' },
          time('sent_at'),
          time('delivered_at', true),
          time('seen_at', true),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'charge_nurse_shift',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'user_id', type: uuid },
          time('starts_at'),
          time('ends_at'),
          { name: 'assigned_by', type: 'varchar', length: '120' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'charge_nurse_shift',
      new TableIndex({ name: 'idx_charge_nurse_shift_ends', columnNames: ['ends_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('charge_nurse_shift');
    await queryRunner.dropTable('alert_delivery');
  }
}
