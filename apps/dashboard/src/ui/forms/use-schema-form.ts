import { useState, type FormEvent } from 'react';
import { issuesToFieldErrors, type FieldErrors, type SchemaIssue } from './field-errors';

/** The part of a shared zod schema a form needs; structural, so the dashboard does not import zod. */
export interface FormSchema<Value> {
  safeParse(
    input: unknown,
  ): { success: true; data: Value } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

interface SchemaFormOptions<Draft, Value, Field extends string> {
  /** What the form shows first, and again after `reset`. */
  initial: Draft;
  /** The shared schema the server runs too, so both refuse the same input with the same words. */
  schema: FormSchema<Value>;
  /** What the schema reads from the draft (typed text as numbers, say); the draft itself if left out. */
  toInput?: (draft: Draft) => unknown;
  /** Where each issue is shown: by top-level field if left out, by dotted path for nested drafts. */
  toErrors?: (issues: readonly SchemaIssue[]) => FieldErrors<Field>;
}

interface SubmitHooks {
  before?: () => void;
  onInvalid?: () => void;
}

/**
 * A form's draft, checked as a whole by a shared schema on submit: the parsed value goes on only
 * when the schema accepts the draft, otherwise each field shows its own message.
 */
export function useSchemaForm<
  Draft extends object,
  Value,
  Field extends string = Extract<keyof Draft, string>,
>({ initial, schema, toInput, toErrors }: SchemaFormOptions<Draft, Value, Field>) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});

  const setField =
    <Key extends keyof Draft>(field: Key) =>
    (value: Draft[Key]) =>
      setDraft((current) => ({ ...current, [field]: value }));

  /** `before` runs on every submit (to clear a previous "saved" notice), `onInvalid` on a refusal. */
  const handleSubmit =
    (onValid: (value: Value) => void, { before, onInvalid }: SubmitHooks = {}) =>
    (event: FormEvent) => {
      event.preventDefault();
      before?.();
      const parsed = schema.safeParse(toInput ? toInput(draft) : draft);
      if (!parsed.success) {
        setErrors(
          toErrors
            ? toErrors(parsed.error.issues)
            : issuesToFieldErrors<Field>(parsed.error.issues),
        );
        onInvalid?.();
        return;
      }
      setErrors({});
      onValid(parsed.data);
    };

  const reset = () => setDraft(initial);

  return { draft, setDraft, setField, errors, setErrors, handleSubmit, reset };
}
