import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { ISO_TIMESTAMP_LENGTH } from '../columns';

const receiptColumn = (name: string) =>
  new TableColumn({
    name,
    type: 'varchar',
    length: String(ISO_TIMESTAMP_LENGTH),
    isNullable: true,
  });

/**
 * An alert's message becomes text (a severe side effect's note may be 2,000 characters, which a
 * varchar(200) refused on PostgreSQL), and a resolved alert says why it closed. The signal
 * receipt splits into SpO2 and heart rate, so that the loss of either one is noticed.
 */
export class AlertLifecycle1764108000000 implements MigrationInterface {
  name = 'AlertLifecycle1764108000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await widenMessage(queryRunner, 'text');
    // Alerts closed before reasons were kept stay without one: the stored times cannot tell a
    // cleared condition from an acknowledgement for certain.
    await queryRunner.addColumn(
      'alert',
      new TableColumn({ name: 'resolved_reason', type: 'varchar', length: '16', isNullable: true }),
    );
    await queryRunner.addColumns('vital_receipt', [
      receiptColumn('spo2_received_at'),
      receiptColumn('heart_rate_received_at'),
    ]);
    await queryRunner.query(
      `UPDATE vital_receipt SET
         spo2_received_at = (SELECT MAX(received_at) FROM vital_sample
                             WHERE session_id = vital_receipt.session_id AND spo2 IS NOT NULL),
         heart_rate_received_at = (SELECT MAX(received_at) FROM vital_sample
                             WHERE session_id = vital_receipt.session_id AND heart_rate IS NOT NULL)`,
    );
    await queryRunner.dropColumn('vital_receipt', 'signal_received_at');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('vital_receipt', receiptColumn('signal_received_at'));
    await queryRunner.query(
      `UPDATE vital_receipt SET signal_received_at = CASE
         WHEN heart_rate_received_at IS NULL OR spo2_received_at > heart_rate_received_at
         THEN spo2_received_at ELSE heart_rate_received_at END`,
    );
    await queryRunner.dropColumns('vital_receipt', ['spo2_received_at', 'heart_rate_received_at']);
    await queryRunner.dropColumn('alert', 'resolved_reason');
    await widenMessage(queryRunner, 'varchar(200)');
  }
}

/**
 * TypeORM's changeColumn drops and re-adds a PostgreSQL column whose type changes, losing every
 * stored message; PostgreSQL converts in place. SQLite's rebuild of the table keeps the rows.
 */
async function widenMessage(
  queryRunner: QueryRunner,
  type: 'text' | 'varchar(200)',
): Promise<void> {
  if (queryRunner.connection.options.type === 'postgres') {
    await queryRunner.query(`ALTER TABLE alert ALTER COLUMN message TYPE ${type}`);
    return;
  }
  const [name, length] = type === 'text' ? ['text', undefined] : ['varchar', '200'];
  await queryRunner.changeColumn(
    'alert',
    'message',
    new TableColumn({ name: 'message', type: name, ...(length && { length }) }),
  );
}
