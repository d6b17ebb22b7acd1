import type { z } from 'zod';

/**
 * Unicode's control (Cc) and format (Cf) characters: bidi overrides and isolates, which make a bay
 * name read backwards or as another bay's, zero-width characters, which make two names that look
 * the same differ, and the C0/C1 controls. None belongs in a name a nurse reads at a glance.
 */
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;

export function hasControlOrFormatCharacter(text: string): boolean {
  return CONTROL_OR_FORMAT.test(text);
}

/** A short identifier a person reads (bay, MRN, device label): visible characters only. */
export function plainText<Schema extends z.ZodType<string>>(schema: Schema) {
  return schema.refine(
    (text) => !hasControlOrFormatCharacter(text),
    'must not contain control or invisible formatting characters (such as bidi overrides)',
  );
}
