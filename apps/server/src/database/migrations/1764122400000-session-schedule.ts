import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/** When each session's patient is expected in the chair: the day's list is read by it. */
export class SessionSchedule1764122400000 implements MigrationInterface {
  name = 'SessionSchedule1764122400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'infusion_session',
      new TableColumn({ name: 'scheduled_at', type: 'varchar', length: '24', isNullable: true }),
    );
    await queryRunner.query('UPDATE infusion_session SET scheduled_at = created_at');
    await queryRunner.changeColumn(
      'infusion_session',
      'scheduled_at',
      new TableColumn({ name: 'scheduled_at', type: 'varchar', length: '24', isNullable: false }),
    );
    await queryRunner.createIndex(
      'infusion_session',
      new TableIndex({ name: 'idx_infusion_session_scheduled_at', columnNames: ['scheduled_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('infusion_session', 'idx_infusion_session_scheduled_at');
    await queryRunner.dropColumn('infusion_session', 'scheduled_at');
  }
}
