import { z } from 'zod';
import { expecting } from '../validation/format-issues';

/** How many patients one search answers with: enough to pick from, never the whole register. */
export const PATIENT_SEARCH_LIMIT = 20;

/** `GET /patients?query=`: part of a name or an MRN, matched anywhere, ignoring case. */
export const patientSearchQuerySchema = z.strictObject({
  query: z
    .string({ error: expecting('must be part of a name or an MRN') })
    .trim()
    .min(2, 'must be at least 2 characters of a name or an MRN')
    .max(120, 'must be at most 120 characters'),
});
export type PatientSearchQuery = z.infer<typeof patientSearchQuerySchema>;
