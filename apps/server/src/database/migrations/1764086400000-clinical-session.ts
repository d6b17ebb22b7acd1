import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { ISO_TIMESTAMP_LENGTH } from '../columns';

const timestamp = (name: string) => ({
  name,
  type: 'varchar',
  length: String(ISO_TIMESTAMP_LENGTH),
});

export class ClinicalSession1764086400000 implements MigrationInterface {
  name = 'ClinicalSession1764086400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const uuid = queryRunner.connection.driver.normalizeType({ type: 'uuid' });
    await queryRunner.addColumns('infusion_session', [
      new TableColumn({ name: 'assessment', type: 'text', isNullable: true }),
      new TableColumn({ name: 'start_override', type: 'text', isNullable: true }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'observation',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'session_id', type: uuid },
          { name: 'type', type: 'varchar', length: '32' },
          { name: 'severity', type: 'varchar', length: '16' },
          timestamp('at'),
          { name: 'note', type: 'text', isNullable: true },
          { name: 'scores', type: 'text', isNullable: true },
          { name: 'recorded_by', type: 'varchar', length: '120' },
        ],
        indices: [
          new TableIndex({ name: 'idx_observation_session_at', columnNames: ['session_id', 'at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'intervention',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'session_id', type: uuid },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'detail', type: 'text' },
          timestamp('at'),
          { name: 'recorded_by', type: 'varchar', length: '120' },
        ],
        indices: [
          new TableIndex({
            name: 'idx_intervention_session_at',
            columnNames: ['session_id', 'at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('intervention');
    await queryRunner.dropTable('observation');
    await queryRunner.dropColumn('infusion_session', 'start_override');
    await queryRunner.dropColumn('infusion_session', 'assessment');
  }
}
