import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';
import { ISO_TIMESTAMP_LENGTH } from '../columns';

export class ThresholdProfiles1764097200000 implements MigrationInterface {
  name = 'ThresholdProfiles1764097200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'threshold_profile',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'definition', type: 'text' },
          { name: 'updated_at', type: 'varchar', length: String(ISO_TIMESTAMP_LENGTH) },
          { name: 'updated_by', type: 'varchar', length: '120' },
        ],
      }),
    );
    await queryRunner.addColumn(
      'infusion_session',
      new TableColumn({
        name: 'threshold_profile_id',
        type: 'varchar',
        length: '64',
        default: `'default'`,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('infusion_session', 'threshold_profile_id');
    await queryRunner.dropTable('threshold_profile');
  }
}
