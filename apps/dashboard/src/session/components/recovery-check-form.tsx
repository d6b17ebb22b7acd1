import {
  SCALE_RANGES,
  SEVERITIES,
  SIDE_EFFECT_CODES,
  type ObservationInput,
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
import { recoveryCheckSchema } from '../utils/recovery-check-schema';
import { ServerRefusal } from './server-refusal';

const MOAAS_OPTIONS = [
  { value: '', label: 'Not scored' },
  ...Array.from({ length: SCALE_RANGES.moaas.max + 1 }, (_, score) => ({
    value: String(score),
    label: String(score),
  })).reverse(),
];
const TYPE_OPTIONS = SIDE_EFFECT_CODES.map((code) => ({
  value: code,
  label: sideEffectLabel(code),
}));
const SEVERITY_OPTIONS = SEVERITIES.map((severity) => ({ value: severity, label: severity }));

interface CheckDraft {
  moaas: string;
  cadss6: string;
  type: SideEffectCode;
  severity: Severity;
  note: string;
}

type CheckField = 'scores.moaas' | 'scores.cadss6' | 'type' | 'severity' | 'note';

/** CADSS-6 scores dissociation, so a check is filed under it unless the nurse names another. */
const EMPTY: CheckDraft = {
  moaas: '',
  cadss6: '',
  type: 'dissociation',
  severity: 'mild',
  note: '',
};

function checkFromDraft(draft: CheckDraft): unknown {
  const scores = { moaas: parseNumberField(draft.moaas), cadss6: parseNumberField(draft.cadss6) };
  return {
    type: draft.type,
    severity: draft.severity,
    note: optionalText(draft.note),
    scores: Object.fromEntries(Object.entries(scores).filter(([, value]) => value !== undefined)),
  };
}

/** The 15-minute recovery check: MOAA/S and CADSS-6, recorded as an observation's scores. */
export function RecoveryCheckForm({ sessionId }: { sessionId: string }) {
  const record = useRecordObservation(sessionId);
  const [saved, setSaved] = useState(false);
  const { draft, setField, errors, handleSubmit, reset } = useSchemaForm<
    CheckDraft,
    ObservationInput,
    CheckField
  >({
    initial: EMPTY,
    schema: recoveryCheckSchema,
    toInput: checkFromDraft,
    toErrors: issuesToPathErrors<CheckField>,
  });
  const submit = handleSubmit(
    (input) =>
      record.mutate(input, {
        onSuccess: () => {
          setSaved(true);
          reset();
        },
      }),
    { before: () => setSaved(false) },
  );
  return (
    <form aria-labelledby="recovery-check-title" onSubmit={submit} noValidate>
      <h3 id="recovery-check-title">Record a recovery check</h3>
      <div className="form-row">
        <SelectField
          id="recovery-check-moaas"
          label="MOAA/S"
          options={MOAAS_OPTIONS}
          value={draft.moaas}
          onValueChange={setField('moaas')}
          error={errors['scores.moaas']}
        />
        <TextField
          id="recovery-check-cadss6"
          label="CADSS-6"
          inputMode="numeric"
          hint={`dissociation, short form, ${SCALE_RANGES.cadss6.min} to ${SCALE_RANGES.cadss6.max}`}
          value={draft.cadss6}
          onValueChange={setField('cadss6')}
          error={errors['scores.cadss6']}
        />
        <SelectField
          id="recovery-check-type"
          label="Side effect"
          options={TYPE_OPTIONS}
          value={draft.type}
          onValueChange={setField('type')}
          error={errors.type}
        />
        <SelectField
          id="recovery-check-severity"
          label="Severity"
          options={SEVERITY_OPTIONS}
          value={draft.severity}
          onValueChange={setField('severity')}
          error={errors.severity}
        />
        <TextField
          id="recovery-check-note"
          label="Note (optional)"
          value={draft.note}
          onValueChange={setField('note')}
          error={errors.note}
        />
      </div>
      {record.error && <ServerRefusal title="Check not recorded" error={record.error} />}
      {saved && (
        <p className="page__status" role="status">
          Recovery check recorded.
        </p>
      )}
      <div className="form-actions">
        <button className="button button--primary" type="submit" disabled={record.isPending}>
          {record.isPending ? 'Recording…' : 'Record check'}
        </button>
      </div>
    </form>
  );
}
