import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** The threshold profile in force when a session started, so a later profile edit leaves it be. */
export class SessionLimits1764115200000 implements MigrationInterface {
  name = 'SessionLimits1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'infusion_session',
      new TableColumn({ name: 'limits', type: 'text', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('infusion_session', 'limits');
  }
}
