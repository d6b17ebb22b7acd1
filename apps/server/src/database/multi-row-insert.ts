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

/** PostgreSQL's limit on the parameters bound to one statement. */
const POSTGRES_MAX_PARAMETERS = 65_535;

/**
 * The statements that insert these rows, split as suits each database. SQLite: runs of 512, 256,
 * … 1 rows, so that its statement cache keeps serving the same few texts. PostgreSQL parses every
 * statement it is sent whatever its text, so there all rows go in one statement (up to its
 * parameter limit): each statement is a round trip, and each round trip a socket write on the
 * server's one thread.
 */
export function multiRowInserts(
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  postgres: boolean,
): Array<{ sql: string; parameters: unknown[] }> {
  const chunks = postgres
    ? runsOf(rows, Math.floor(POSTGRES_MAX_PARAMETERS / columns.length))
    : powerOfTwoChunks(rows);
  return chunks.map((chunk) => multiRowInsert(table, columns, chunk, postgres));
}

function runsOf<T>(rows: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let start = 0; start < rows.length; start += size)
    runs.push(rows.slice(start, start + size));
  return runs;
}
