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

/**
 * Splits rows into runs of 512, 256, … 2, 1. The statement's text depends on its row count, and
 * SQLite prepares (parses and plans) each new text again: with these sizes the same ten texts come
 * back, stay in the driver's statement cache, and a group of any size costs no new preparation.
 */
export function powerOfTwoChunks<T>(rows: readonly T[], largest = 512): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  while (start < rows.length) {
    let size = largest;
    while (size > rows.length - start) size /= 2;
    chunks.push(rows.slice(start, start + size));
    start += size;
  }
  return chunks;
}
