import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * An alert's message becomes text (a severe side effect's note may be 2,000 characters, which a
 * varchar(200) refused on PostgreSQL), and a resolved alert says why it closed.
 */
export class AlertLifecycle1764108000000 implements MigrationInterface {
  name = 'AlertLifecycle1764108000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.changeColumn(
      'alert',
      'message',
      new TableColumn({ name: 'message', type: 'text' }),
    );
    await queryRunner.addColumn(
      'alert',
      new TableColumn({ name: 'resolved_reason', type: 'varchar', length: '16', isNullable: true }),
    );
    // Alerts closed before reasons were kept: the only ways then were a cleared condition or an
    // acknowledgement, which the stored times tell apart only loosely, so they stay unnamed.
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('alert', 'resolved_reason');
    await queryRunner.changeColumn(
      'alert',
      'message',
      new TableColumn({ name: 'message', type: 'varchar', length: '200' }),
    );
  }
}
