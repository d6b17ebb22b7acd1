import type { DataSourceOptions } from 'typeorm';

/**
 * The rows of an `UPDATE … RETURNING`, as a query's result gives them: PostgreSQL's driver answers
 * an UPDATE with `[rows, count]`, SQLite's (and the SQLite threads) with the rows.
 */
export function updateReturned<Row>(type: DataSourceOptions['type'], result: unknown): Row[] {
  return (type === 'postgres' ? (result as [Row[]])[0] : result) as Row[];
}
