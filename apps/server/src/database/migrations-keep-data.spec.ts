import { randomUUID } from 'node:crypto';
import { DataSource, type TableColumn } from 'typeorm';
import { testDatabases } from '../../test/test-databases';
import { dataSourceOptions, MIGRATIONS } from './data-source-options';
import { runMigrations } from './run-migrations';

/** The schema as the last release shipped it: what a clinic's database holds before upgrading. */
const RELEASED = MIGRATIONS.findIndex((migration) => migration.name.endsWith('1764100800000')) + 1;

const ids = { patient: randomUUID(), session: randomUUID(), alert: randomUUID() };
const AT = '2026-11-30T10:00:00.000Z';
const MESSAGE = 'SpO2 86 < 90';

/** Values a released row holds: any column not named here gets one that fits its type. */
const KNOWN: Record<string, Record<string, unknown>> = {
  patient: { id: ids.patient },
  infusion_session: { id: ids.session, patient_id: ids.patient, state: 'infusing', created_at: AT },
  vital_sample: {
    session_id: ids.session,
    source: 'device:1',
    dedupe_key: 'seq:1',
    at: AT,
    received_at: AT,
    spo2: 86,
    systolic: 150,
    diastolic: 85,
  },
  vital_receipt: { session_id: ids.session, pressure_received_at: AT },
  alert: {
    id: ids.alert,
    session_id: ids.session,
    message: MESSAGE,
    state: 'active',
    code: 'SPO2_LOW',
  },
};

function filler(column: TableColumn): unknown {
  if (/uuid/.test(column.type)) return randomUUID();
  if (/int|double|real|numeric|float/.test(column.type)) return 1;
  if (/bool/.test(column.type)) return false;
  if (/_at$/.test(column.name)) return AT;
  return 'x';
}

describe.each(testDatabases())('upgrading a released database on $name', (database) => {
  let released: DataSource;
  let upgraded: DataSource;

  beforeAll(async () => {
    const config = await database.create();
    released = await new DataSource({
      ...dataSourceOptions(config),
      migrations: MIGRATIONS.slice(0, RELEASED),
    }).initialize();
    await runMigrations(released);
    for (const [table, known] of Object.entries(KNOWN)) {
      const definition = await released.createQueryRunner().getTable(table);
      const row: Record<string, unknown> = {};
      for (const column of definition?.columns ?? []) {
        if (column.name in known) row[column.name] = known[column.name];
        else if (!column.isNullable && column.default === undefined)
          row[column.name] = filler(column);
      }
      const columns = Object.keys(row);
      const placeholders = columns.map((_column, index) =>
        database.name === 'postgres' ? `$${index + 1}` : '?',
      );
      await released.query(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})`,
        Object.values(row),
      );
    }
    await released.destroy();
    upgraded = await new DataSource(dataSourceOptions(config)).initialize();
    await runMigrations(upgraded);
  });

  afterAll(async () => {
    await upgraded?.destroy();
    await database.drop();
  });

  it('keeps every row and every alert message through the migrations since', async () => {
    for (const table of Object.keys(KNOWN)) {
      const [{ count }] = await upgraded.query(`SELECT COUNT(*) AS count FROM ${table}`);
      expect([table, Number(count)]).toEqual([table, 1]);
    }
    const [alert] = await upgraded.query('SELECT message FROM alert');
    expect(alert.message).toBe(MESSAGE);
    const [sample] = await upgraded.query(
      'SELECT session_id, dedupe_key, at, spo2 FROM vital_sample',
    );
    expect(sample).toEqual({ session_id: ids.session, dedupe_key: 'seq:1', at: AT, spo2: 86 });
  });

  it('gives a receipt the values of its newest blood pressure', async () => {
    const [receipt] = await upgraded.query(
      'SELECT pressure_received_at, pressure_systolic, pressure_diastolic FROM vital_receipt',
    );
    expect(receipt).toEqual({
      pressure_received_at: AT,
      pressure_systolic: 150,
      pressure_diastolic: 85,
    });
  });

  it('gives the released session its schedule and first revision', async () => {
    const [session] = await upgraded.query('SELECT scheduled_at, revision FROM infusion_session');
    expect(session).toMatchObject({ scheduled_at: AT });
    expect(Number(session.revision)).toBe(0);
  });
});
