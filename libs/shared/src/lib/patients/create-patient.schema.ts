import { z } from 'zod';
import { expecting } from '../validation/format-issues';
import { plainText } from '../validation/plain-text';

export const createPatientSchema = z.strictObject({
  mrn: plainText(
    z
      .string({ error: expecting('must be a string') })
      .trim()
      .min(1, 'must not be empty')
      .max(64, 'must be at most 64 characters'),
  ),
  displayName: z
    .string({ error: expecting('must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(120, 'must be at most 120 characters'),
  birthDate: z.iso.date({ error: expecting('must be a date (YYYY-MM-DD)') }).optional(),
  weightKg: z
    .number({ error: expecting('must be a number between 20 and 300') })
    .min(20, 'must be between 20 and 300')
    .max(300, 'must be between 20 and 300'),
});

export type CreatePatientInput = z.input<typeof createPatientSchema>;

export interface Patient {
  id: string;
  mrn: string;
  displayName: string;
  birthDate: string | null;
  weightKg: number;
  createdAt: string;
}

/** What a ward screen may show of a patient without naming them. */
export function patientInitials(displayName: string): string {
  return displayName
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase())
    .slice(0, 3)
    .join('');
}
