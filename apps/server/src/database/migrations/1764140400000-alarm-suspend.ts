import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

const time = (name: string) => ({ name, type: 'varchar', length: '24' });

/**
 * A chair's alarms suspended for a probe change, until its end time (one row per chair, shared by
 * every instance); and where each alert was acknowledged from.
 */
export class AlarmSuspend1764140400000 implements MigrationInterface {
  name = 'AlarmSuspend1764140400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const uuid = queryRunner.connection.driver.normalizeType({ type: 'uuid' });
    await queryRunner.createTable(
      new Table({
        name: 'alarm_suspend',
        columns: [
          { name: 'bay', type: 'varchar', length: '32', isPrimary: true },
          { name: 'session_id', type: uuid },
          { name: 'reason', type: 'varchar', length: '200' },
          { name: 'started_by', type: 'varchar', length: '120' },
          time('started_at'),
          time('ends_at'),
        ],
      }),
    );
    await queryRunner.addColumn(
      'alert',
      new TableColumn({
        name: 'acknowledged_from',
        type: 'varchar',
        length: '40',
        isNullable: true,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('alert', 'acknowledged_from');
    await queryRunner.dropTable('alarm_suspend');
  }
}
