import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Every change of an alert is a conditional write on its revision: of an acknowledgement racing
 * another, a resolution or an upgrade, exactly one is written on the state it was decided on.
 */
export class AlertRevision1764133200000 implements MigrationInterface {
  name = 'AlertRevision1764133200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'alert',
      new TableColumn({ name: 'revision', type: 'integer', default: 0 }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('alert', 'revision');
  }
}
