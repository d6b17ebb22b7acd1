import type { CreatePatientInput } from '@vigil/shared';
import { optionalText, parseNumberField } from '../../session/utils/parse-number';

/** The registration form as typed. */
export interface PatientDraft {
  displayName: string;
  birthDate: string;
  mrn: string;
  weightKg: string;
}

export const EMPTY_PATIENT_DRAFT: PatientDraft = {
  displayName: '',
  birthDate: '',
  mrn: '',
  weightKg: '',
};

/** What the shared create-patient schema reads: the weight as a number, a blank birth date left out. */
export function patientInput(draft: PatientDraft): Record<keyof CreatePatientInput, unknown> {
  return {
    displayName: draft.displayName,
    birthDate: optionalText(draft.birthDate),
    mrn: draft.mrn,
    weightKg: parseNumberField(draft.weightKg),
  };
}

/** At least this much of a name or an MRN before the register is searched (the server's rule). */
export const PATIENT_SEARCH_MIN_CHARACTERS = 2;

/** The text worth searching for, or null while it is too short to ask the server. */
export function searchableText(typed: string): string | null {
  const trimmed = typed.trim();
  return trimmed.length >= PATIENT_SEARCH_MIN_CHARACTERS ? trimmed : null;
}
