import { INTERVENTION_KINDS, interventionSchema } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { SelectField, TextField } from '../../ui/components/form-field';
import { issuesToFieldErrors, type FieldErrors } from '../../ui/forms/field-errors';
import { useRecordIntervention } from '../hooks/use-session-commands';
import { ServerRefusal } from './server-refusal';

type InterventionKind = (typeof INTERVENTION_KINDS)[number];

const KIND_LABELS: Record<InterventionKind, string> = {
  'rate-change': 'Infusion rate change',
  medication: 'Medication given',
  note: 'Note',
};
const KIND_OPTIONS = INTERVENTION_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));

export function InterventionForm({ sessionId }: { sessionId: string }) {
  const record = useRecordIntervention(sessionId);
  const [kind, setKind] = useState<InterventionKind>('note');
  const [detail, setDetail] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'kind' | 'detail'>>({});
  const [saved, setSaved] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const parsed = interventionSchema.safeParse({ kind, detail });
    if (!parsed.success) {
      setErrors(issuesToFieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    record.mutate(parsed.data, {
      onSuccess: () => {
        setSaved(`${KIND_LABELS[kind]} recorded.`);
        setDetail('');
      },
    });
  };

  return (
    <form aria-labelledby="intervention-form-title" onSubmit={submit} noValidate>
      <h3 id="intervention-form-title">Record an intervention</h3>
      <div className="form-row">
        <SelectField
          id="intervention-kind"
          label="Kind"
          options={KIND_OPTIONS}
          value={kind}
          onValueChange={setKind}
          error={errors.kind}
        />
        <TextField
          id="intervention-detail"
          label="Detail"
          hint="e.g. rate reduced to 0.3 mg/kg/h; ondansetron 4 mg IV"
          value={detail}
          onValueChange={setDetail}
          error={errors.detail}
        />
        <div className="form-actions">
          <button className="button button--primary" type="submit" disabled={record.isPending}>
            {record.isPending ? 'Recording…' : 'Record intervention'}
          </button>
        </div>
      </div>
      {record.error && <ServerRefusal title="Intervention not recorded" error={record.error} />}
      {saved && (
        <p className="page__status" role="status">
          {saved}
        </p>
      )}
    </form>
  );
}
