import type { z } from 'zod';

/**
 * A zod error option that tells a missing field from a wrong one: `is required` when absent,
 * else the expectation given.
 */
export function expecting(expectation: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : expectation);
}

/** `['samples', 3, 'spo2']` → `samples[3].spo2`, the way a person reads a field's address. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    return text ? `${text}.${name}` : name;
  }, '');
}

/**
 * One sentence per problem, each naming the field and the rule it broke, as the contract's
 * error messages require (`samples[3].spo2 must be between 0 and 100`).
 */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(
        (key) => `${formatPath([...issue.path, key])} is not a recognised field`,
      );
    }
    return [`${formatPath(issue.path) || 'body'} ${issue.message}`];
  });
}
