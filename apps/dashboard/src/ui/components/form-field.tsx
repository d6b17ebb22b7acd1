import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import './form-field.css';

interface FieldFrameProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: (describedBy: string | undefined) => ReactNode;
}

/** A label, the control, an optional hint and the field's error right beside it. */
function FieldFrame({ id, label, error, hint, children }: FieldFrameProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="form-field" data-invalid={error ? true : undefined}>
      <label htmlFor={id}>{label}</label>
      {children(describedBy)}
      {hint && (
        <p id={hintId} className="form-field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="form-field__error">
          {label} {error}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> & {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string;
  hint?: string;
};

export function TextField({
  id,
  label,
  value,
  onValueChange,
  error,
  hint,
  ...inputProps
}: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      {(describedBy) => (
        <input
          {...inputProps}
          id={id}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

type SelectFieldProps<Value extends string> = Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'id' | 'value' | 'onChange'
> & {
  id: string;
  label: string;
  value: Value;
  options: readonly { value: Value; label: string }[];
  onValueChange: (value: Value) => void;
  error?: string;
};

export function SelectField<Value extends string>({
  id,
  label,
  value,
  options,
  onValueChange,
  error,
  ...selectProps
}: SelectFieldProps<Value>) {
  return (
    <FieldFrame id={id} label={label} error={error}>
      {(describedBy) => (
        <select
          {...selectProps}
          id={id}
          value={value}
          onChange={(event) => onValueChange(event.target.value as Value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

type CheckboxFieldProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'type' | 'checked' | 'onChange'
> & {
  id: string;
  label: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  error?: string;
};

/** A checkbox with its label beside it and its error below. */
export function CheckboxField({
  id,
  label,
  checked,
  onCheckedChange,
  error,
  ...inputProps
}: CheckboxFieldProps) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="form-field form-field--checkbox" data-invalid={error ? true : undefined}>
      <label htmlFor={id}>
        <input
          {...inputProps}
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onCheckedChange(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={errorId}
        />{' '}
        {label}
      </label>
      {error && (
        <p id={errorId} className="form-field__error">
          {label} {error}
        </p>
      )}
    </div>
  );
}
