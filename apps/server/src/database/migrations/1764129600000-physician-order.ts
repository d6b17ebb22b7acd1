import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * The dose is a physician's order. Sessions scheduled before orders were recorded carried the
 * dose their creator set, and have been given as such: they count as ordered, by whoever
 * scheduled them, so that none of them is stopped from starting by the upgrade.
 */
export class PhysicianOrder1764129600000 implements MigrationInterface {
  name = 'PhysicianOrder1764129600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'infusion_session',
      new TableColumn({ name: 'physician_order', type: 'text', isNullable: true }),
    );
    const sessions = (await queryRunner.query(
      `SELECT id, dose_mg_per_kg AS dose, planned_duration_min AS minutes, created_at AS at
         FROM infusion_session`,
    )) as Array<{ id: string; dose: number; minutes: number; at: string }>;
    for (const session of sessions) {
      const order = JSON.stringify({
        doseMgPerKg: Number(session.dose),
        plannedDurationMin: Number(session.minutes),
        signedBy: 'migration:before-orders',
        signedAt: session.at,
      });
      await queryRunner.query(
        queryRunner.connection.options.type === 'postgres'
          ? 'UPDATE infusion_session SET physician_order = $1 WHERE id = $2'
          : 'UPDATE infusion_session SET physician_order = ? WHERE id = ?',
        [order, session.id],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('infusion_session', 'physician_order');
  }
}
