import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { ISO_TIMESTAMP_LENGTH } from '../columns';

export class VitalReceipts1764100800000 implements MigrationInterface {
  name = 'VitalReceipts1764100800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'vital_receipt',
        columns: [
          {
            name: 'session_id',
            type: queryRunner.connection.driver.normalizeType({ type: 'uuid' }),
            isPrimary: true,
          },
          {
            name: 'signal_received_at',
            type: 'varchar',
            length: String(ISO_TIMESTAMP_LENGTH),
            isNullable: true,
          },
          {
            name: 'pressure_received_at',
            type: 'varchar',
            length: String(ISO_TIMESTAMP_LENGTH),
            isNullable: true,
          },
        ],
      }),
    );
    // Sessions that were already receiving readings keep their history of receipts.
    await queryRunner.query(
      `INSERT INTO vital_receipt (session_id, signal_received_at, pressure_received_at)
       SELECT session_id,
              MAX(CASE WHEN spo2 IS NOT NULL OR heart_rate IS NOT NULL THEN received_at END),
              MAX(CASE WHEN systolic IS NOT NULL THEN received_at END)
       FROM vital_sample GROUP BY session_id`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('vital_receipt');
  }
}
