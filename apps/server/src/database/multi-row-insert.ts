/**
 * `INSERT INTO table (columns) VALUES (…), (…)` with bound parameters in the dialect's own
 * placeholders ($n for PostgreSQL, ? for SQLite). Written by hand because the ORM's query builder
 * costs more CPU than the insert itself on the ingest path.
 */
export function multiRowInsert(
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  postgres: boolean,
): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const tuples = rows.map((values) => {
    const placeholders = values.map((value) => {
      parameters.push(value);
      return postgres ? `$${parameters.length}` : '?';
    });
    return `(${placeholders.join(', ')})`;
  });
  return {
    sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
    parameters,
  };
}
