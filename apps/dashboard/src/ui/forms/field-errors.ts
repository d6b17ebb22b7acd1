/** One problem per field, keyed by field name; `form` holds what belongs to no single field. */
export type FieldErrors<Field extends string> = Partial<Record<Field | 'form', string>>;

/** A filter form's draft, parsed: the filters it stands for, or what is wrong with it. */
export type ParsedFilters<Filters, Field extends string> =
  { ok: true; filters: Filters } | { ok: false; errors: FieldErrors<Field> };

/** The part of a zod issue the forms need; structural, so the dashboard does not import zod. */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** The first message for each top-level field of a failed `safeParse`. */
export function issuesToFieldErrors<Field extends string>(
  issues: readonly SchemaIssue[],
): FieldErrors<Field> {
  const errors: Record<string, string> = {};
  for (const { path, message } of issues) {
    const field = path.length > 0 ? String(path[0]) : 'form';
    errors[field] ??= message;
  }
  return errors as FieldErrors<Field>;
}

/**
 * Places the server's messages (`username must be …`, as the contract names the field first)
 * beside their fields; the rest go to the form as a whole.
 */
export function serverMessagesToFieldErrors<Field extends string>(
  messages: readonly string[],
  fields: readonly Field[],
): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  const unplaced: string[] = [];
  for (const message of messages) {
    const field = fields.find((name) => message.startsWith(`${name} `));
    if (field && errors[field] === undefined) {
      errors[field] = message.slice(field.length + 1);
    } else {
      unplaced.push(message);
    }
  }
  if (unplaced.length > 0) errors.form = unplaced.join('; ');
  return errors;
}

/**
 * The first message for each field of a failed `safeParse` of a nested form, keyed by its dotted
 * path (`baseline.systolic`), which is also how the server's messages name it.
 */
export function issuesToPathErrors<Field extends string>(
  issues: readonly SchemaIssue[],
): FieldErrors<Field> {
  const errors: Record<string, string> = {};
  for (const { path, message } of issues) {
    const field = path.length > 0 ? path.map(String).join('.') : 'form';
    errors[field] ??= message;
  }
  return errors as FieldErrors<Field>;
}
