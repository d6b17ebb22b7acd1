import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Every change of a session is a conditional write on its revision, and the database itself
 * keeps a bay to one live session: both hold under concurrent requests and across replicas.
 */
export class SessionRevision1764118800000 implements MigrationInterface {
  name = 'SessionRevision1764118800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'infusion_session',
      new TableColumn({ name: 'revision', type: 'integer', default: 0 }),
    );
    await queryRunner.createIndex(
      'infusion_session',
      new TableIndex({
        name: 'uq_infusion_session_live_bay',
        columnNames: ['bay'],
        isUnique: true,
        where: `state IN ('assessed', 'infusing', 'paused', 'recovery')`,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('infusion_session', 'uq_infusion_session_live_bay');
    await queryRunner.dropColumn('infusion_session', 'revision');
  }
}
