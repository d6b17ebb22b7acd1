import type { Assessment } from '@vigil/shared';
import { ParsedJsonCache } from '../common/parsed-json-cache';

/**
 * Read with every group of readings and by the sweep every second, for the rules' baseline, and
 * written once a session: parsed once per stored text. Shared: callers must not change it.
 */
const storedAssessments = new ParsedJsonCache(10_000, (text) => JSON.parse(text) as Assessment);

export function parseStoredAssessment(stored: string | null): Assessment | null {
  return stored ? storedAssessments.get(stored) : null;
}
