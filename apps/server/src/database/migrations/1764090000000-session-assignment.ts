import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

export class SessionAssignment1764090000000 implements MigrationInterface {
  name = 'SessionAssignment1764090000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const uuid = queryRunner.connection.driver.normalizeType({ type: 'uuid' });
    await queryRunner.addColumns('infusion_session', [
      new TableColumn({ name: 'duration_override', type: 'text', isNullable: true }),
      new TableColumn({ name: 'assigned_nurse_id', type: uuid, isNullable: true }),
      new TableColumn({ name: 'supervising_physician_id', type: uuid, isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['supervising_physician_id', 'assigned_nurse_id', 'duration_override']) {
      await queryRunner.dropColumn('infusion_session', column);
    }
  }
}
