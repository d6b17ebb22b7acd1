import type { MigrationInterface, QueryRunner } from 'typeorm';

const REFUSAL = "a session's limits or assessment change only with its revision";

/**
 * The database refuses a change of a session's limits or assessment that leaves its revision as
 * it was. The readings' commit and the alarm sweep read those settings again only when the
 * revision moves (SessionSettingsByRevision): a change that skipped it would leave the rules on
 * the old limits. Every change goes through SessionWriter, which bumps it; this is the second line.
 */
const GUARD: Record<'postgres' | 'sqlite', { up: string[]; down: string[] }> = {
  postgres: {
    up: [
      `CREATE FUNCTION infusion_session_settings_revision() RETURNS trigger AS $$
       BEGIN
         IF NEW.revision = OLD.revision AND (NEW.limits IS DISTINCT FROM OLD.limits
             OR NEW.assessment IS DISTINCT FROM OLD.assessment) THEN
           RAISE EXCEPTION '${REFUSAL.replace("'", "''")}';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql`,
      `CREATE TRIGGER infusion_session_settings_revision BEFORE UPDATE ON infusion_session
       FOR EACH ROW EXECUTE FUNCTION infusion_session_settings_revision()`,
    ],
    down: [
      'DROP TRIGGER IF EXISTS infusion_session_settings_revision ON infusion_session',
      'DROP FUNCTION IF EXISTS infusion_session_settings_revision()',
    ],
  },
  sqlite: {
    up: [
      `CREATE TRIGGER infusion_session_settings_revision BEFORE UPDATE ON infusion_session
       WHEN NEW.revision = OLD.revision AND (NEW.limits IS NOT OLD.limits
         OR NEW.assessment IS NOT OLD.assessment)
       BEGIN SELECT RAISE(ABORT, '${REFUSAL.replace("'", "''")}'); END`,
    ],
    down: ['DROP TRIGGER IF EXISTS infusion_session_settings_revision'],
  },
};

const dialect = (queryRunner: QueryRunner) =>
  queryRunner.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';

export class SessionSettingsRevision1764187200000 implements MigrationInterface {
  name = 'SessionSettingsRevision1764187200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of GUARD[dialect(queryRunner)].up) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of GUARD[dialect(queryRunner)].down) await queryRunner.query(statement);
  }
}
