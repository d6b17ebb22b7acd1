import {
  observationSchema,
  SCALE_RANGES,
  SEVERITIES,
  SIDE_EFFECT_CODES,
  type Severity,
  type SideEffectCode,
} from '@vigil/shared';
import { useState } from 'react';
import { SelectField, TextField } from '../../ui/components/form-field';
import { issuesToPathErrors } from '../../ui/forms/field-errors';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useRecordObservation } from '../hooks/use-session-commands';
import { sideEffectLabel } from '../utils/clinical-labels';
import { optionalText, parseNumberField } from '../utils/parse-number';
import { ServerRefusal } from './server-refusal';

const TYPE_OPTIONS = SIDE_EFFECT_CODES.map((code) => ({
  value: code,
  label: sideEffectLabel(code),
}));
const SEVERITY_OPTIONS = SEVERITIES.map((severity) => ({
  value: severity,
  label: severity.charAt(0).toUpperCase() + severity.slice(1),
}));

const SCALES = [
  { key: 'cadss', label: 'CADSS', name: 'dissociation' },
  { key: 'cadss6', label: 'CADSS-6', name: 'dissociation, short form' },
  { key: 'moaas', label: 'MOAA/S', name: 'alertness/sedation' },
  { key: 'rass', label: 'RASS', name: 'agitation/sedation' },
] as const;
type ScaleKey = (typeof SCALES)[number]['key'];

type ObservationField = 'type' | 'severity' | 'note' | `scores.${ScaleKey}`;

interface ObservationDraft {
  type: SideEffectCode;
  severity: Severity;
  scores: Record<ScaleKey, string>;
  note: string;
}

const EMPTY: ObservationDraft = {
  type: 'nausea',
  severity: 'mild',
  scores: { cadss: '', cadss6: '', moaas: '', rass: '' },
  note: '',
};

/** Only the scores given, and no `scores` at all when none is. */
export function observationFromDraft(draft: ObservationDraft): unknown {
  const scores: Partial<Record<ScaleKey, number>> = {};
  for (const { key } of SCALES) {
    const value = parseNumberField(draft.scores[key]);
    if (value !== undefined) scores[key] = value;
  }
  return {
    type: draft.type,
    severity: draft.severity,
    note: optionalText(draft.note),
    scores: Object.keys(scores).length > 0 ? scores : undefined,
  };
}

export function ObservationForm({ sessionId }: { sessionId: string }) {
  const record = useRecordObservation(sessionId);
  const { draft, setDraft, setField, errors, handleSubmit, reset } = useSchemaForm({
    initial: EMPTY,
    schema: observationSchema,
    toInput: observationFromDraft,
    toErrors: issuesToPathErrors<ObservationField>,
  });
  const [saved, setSaved] = useState<string | null>(null);

  const submit = handleSubmit(
    (input) =>
      record.mutate(input, {
        onSuccess: () => {
          setSaved(`${sideEffectLabel(input.type)} (${input.severity}) recorded.`);
          reset();
        },
      }),
    { before: () => setSaved(null) },
  );

  return (
    <form aria-labelledby="observation-form-title" onSubmit={submit} noValidate>
      <h3 id="observation-form-title">Record an observation</h3>
      <div className="form-row">
        <SelectField
          id="observation-type"
          label="Side effect"
          options={TYPE_OPTIONS}
          value={draft.type}
          onValueChange={setField('type')}
          error={errors.type}
        />
        <SelectField
          id="observation-severity"
          label="Severity"
          options={SEVERITY_OPTIONS}
          value={draft.severity}
          onValueChange={setField('severity')}
          error={errors.severity}
        />
        {SCALES.map(({ key, label, name }) => (
          <TextField
            key={key}
            id={`observation-${key}`}
            label={`${label} (optional)`}
            inputMode="numeric"
            hint={`${name}, ${SCALE_RANGES[key].min} to ${SCALE_RANGES[key].max}`}
            value={draft.scores[key]}
            onValueChange={(value) =>
              setDraft((current) => ({ ...current, scores: { ...current.scores, [key]: value } }))
            }
            error={errors[`scores.${key}`]}
          />
        ))}
        <TextField
          id="observation-note"
          label="Note (optional)"
          value={draft.note}
          onValueChange={setField('note')}
          error={errors.note}
        />
      </div>
      {draft.severity === 'severe' && (
        <p className="form-field__hint">A severe observation raises a high-priority alert.</p>
      )}
      {record.error && <ServerRefusal title="Observation not recorded" error={record.error} />}
      {saved && (
        <p className="page__status" role="status">
          {saved}
        </p>
      )}
      <div className="form-actions">
        <button className="button button--primary" type="submit" disabled={record.isPending}>
          {record.isPending ? 'Recording…' : 'Record observation'}
        </button>
      </div>
    </form>
  );
}
