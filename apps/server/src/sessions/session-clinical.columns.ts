import type { ValueTransformer } from 'typeorm';

/** Small structured records kept beside the session as JSON text, the same on both databases. */
export const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown)),
};
