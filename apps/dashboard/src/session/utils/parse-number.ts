/**
 * A number field's text as the schema should see it: empty is "not given" (undefined), anything
 * else a number, NaN included, so the schema names the rule rather than the form guessing.
 */
export function parseNumberField(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/** An optional free-text field: blank is not given. */
export function optionalText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}
