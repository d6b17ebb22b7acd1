import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sample's time joins its key (session, source, `seq:<n>` or `at:<time>`, time): a monitor that
 * restarts its counter sends the same `seq` at another time, and that is a new reading, not a
 * resent one. Stored keys stay as they are; each row simply keeps its own time in the key.
 */
export class SampleKeyWithTime1764104400000 implements MigrationInterface {
  name = 'SampleKeyWithTime1764104400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropPrimaryKey('vital_sample');
    await queryRunner.createPrimaryKey('vital_sample', [
      'session_id',
      'source',
      'dedupe_key',
      'at',
    ]);
  }

  /** Fails if a restarted counter has stored the same `seq` twice: those readings are not merged. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropPrimaryKey('vital_sample');
    await queryRunner.createPrimaryKey('vital_sample', ['session_id', 'source', 'dedupe_key']);
  }
}
