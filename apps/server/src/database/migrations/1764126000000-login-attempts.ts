import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The progressive login delay, per account name and client address (replacing the account-wide
 * lockout that anyone could trigger against a clinician).
 */
export class LoginAttempts1764126000000 implements MigrationInterface {
  name = 'LoginAttempts1764126000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'login_attempt',
        columns: [
          { name: 'username', type: 'varchar', length: '64', isPrimary: true },
          { name: 'address', type: 'varchar', length: '64', isPrimary: true },
          { name: 'failures', type: 'integer', default: 0 },
          { name: 'next_attempt_at', type: 'varchar', length: '24' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('login_attempt');
  }
}
