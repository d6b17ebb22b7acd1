import { useState, type FormEvent } from 'react';
import type { FieldErrors, ParsedFilters } from '../../ui/forms/field-errors';

/**
 * A filter form's text draft, checked as a whole on submit: the filters go on only when the
 * parse accepts the draft, otherwise each field shows its error.
 */
export function useFilterForm<Field extends string, Draft extends Record<Field, string>, Filters>(
  initialDraft: () => Draft,
  parse: (draft: Draft) => ParsedFilters<Filters, Field>,
  onValid: (filters: Filters) => void,
) {
  const [draft, setDraft] = useState<Draft>(initialDraft);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});

  const setField = (field: Field) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = parse(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    onValid(result.filters);
  };

  return { draft, errors, setField, submit };
}
