import type { ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Times are stored as fixed-width UTC ISO 8601 text (`2026-11-25T13:05:00.000Z`): one column type
 * that SQLite and PostgreSQL store alike, sorts in time order as text, and reads back exactly as
 * the contract writes it.
 */
export const ISO_TIMESTAMP_LENGTH = 24;

export function isoTimestampColumn(
  options: Pick<ColumnOptions, 'nullable' | 'name'> = {},
): ColumnOptions {
  return { type: 'varchar', length: ISO_TIMESTAMP_LENGTH, ...options };
}

export function toIsoTimestamp(value: string | number | Date): string {
  return new Date(value).toISOString();
}

/** PostgreSQL returns bigint as text; Vigil's bigints (sequence numbers) stay within 2^53. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/** Small structured records kept beside a row as JSON text, the same on both databases. */
export const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown)),
};
