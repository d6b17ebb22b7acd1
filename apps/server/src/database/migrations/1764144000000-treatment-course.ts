import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { ISO_TIMESTAMP_LENGTH } from '../columns';

const timestamp = (name: string, isNullable = false) => ({
  name,
  type: 'varchar',
  length: String(ISO_TIMESTAMP_LENGTH),
  isNullable,
});

/**
 * The treatment course around the infusions: outcome scores, the planned series, the tasks that
 * follow a patient home, adverse events after discharge, and the discharge instructions given.
 */
export class TreatmentCourse1764144000000 implements MigrationInterface {
  name = 'TreatmentCourse1764144000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const uuid = queryRunner.connection.driver.normalizeType({ type: 'uuid' });
    const actor = (name: string, isNullable = false) => ({
      name,
      type: 'varchar',
      length: '120',
      isNullable,
    });
    await queryRunner.createTable(
      new Table({
        name: 'outcome_score',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'session_id', type: uuid },
          { name: 'instrument', type: 'varchar', length: '16' },
          { name: 'phase', type: 'varchar', length: '16' },
          { name: 'score', type: 'integer' },
          timestamp('at'),
          actor('recorded_by'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_outcome_score_session_at',
            columnNames: ['session_id', 'at'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'planned_course',
        columns: [
          { name: 'patient_id', type: uuid, isPrimary: true },
          { name: 'planned_infusions', type: 'integer' },
          timestamp('planned_at'),
          actor('planned_by'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'follow_up',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'session_id', type: uuid },
          { name: 'kind', type: 'varchar', length: '32' },
          timestamp('due_at'),
          timestamp('done_at', true),
          actor('done_by', true),
          { name: 'outcome', type: 'text', isNullable: true },
          timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_follow_up_due', columnNames: ['due_at'] }),
          new TableIndex({ name: 'idx_follow_up_session', columnNames: ['session_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'adverse_event',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'session_id', type: uuid },
          timestamp('at'),
          { name: 'description', type: 'text' },
          { name: 'severity', type: 'varchar', length: '16' },
          actor('recorded_by'),
          timestamp('recorded_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_adverse_event_session', columnNames: ['session_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'discharge_instructions',
        columns: [
          { name: 'id', type: uuid, isPrimary: true },
          { name: 'session_id', type: uuid },
          { name: 'version', type: 'integer' },
          timestamp('given_at'),
          actor('given_by'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_discharge_instructions_session',
            columnNames: ['session_id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'discharge_instructions',
      'adverse_event',
      'follow_up',
      'planned_course',
      'outcome_score',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
