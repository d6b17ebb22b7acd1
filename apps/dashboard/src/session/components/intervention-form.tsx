import {
  INTERVENTION_KIND_WORDS,
  INTERVENTION_KINDS,
  interventionSchema,
  type InterventionKind,
} from '@vigil/shared';
import { useState } from 'react';
import { SelectField, TextField } from '../../ui/components/form-field';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useRecordIntervention } from '../hooks/use-session-commands';
import { ServerRefusal } from './server-refusal';

const KIND_LABELS = INTERVENTION_KIND_WORDS;
const EMPTY: { kind: InterventionKind; detail: string } = { kind: 'note', detail: '' };
const KIND_OPTIONS = INTERVENTION_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));

export function InterventionForm({ sessionId }: { sessionId: string }) {
  const record = useRecordIntervention(sessionId);
  const { draft, setField, errors, handleSubmit } = useSchemaForm({
    initial: EMPTY,
    schema: interventionSchema,
  });
  const [saved, setSaved] = useState<string | null>(null);

  const submit = handleSubmit(
    (input) =>
      record.mutate(input, {
        onSuccess: () => {
          setSaved(`${KIND_LABELS[input.kind]} recorded.`);
          setField('detail')('');
        },
      }),
    { before: () => setSaved(null) },
  );

  return (
    <form aria-labelledby="intervention-form-title" onSubmit={submit} noValidate>
      <h3 id="intervention-form-title">Record an intervention</h3>
      <div className="form-row">
        <SelectField
          id="intervention-kind"
          label="Kind"
          options={KIND_OPTIONS}
          value={draft.kind}
          onValueChange={setField('kind')}
          error={errors.kind}
        />
        <TextField
          id="intervention-detail"
          label="Detail"
          hint="e.g. rate reduced to 0.3 mg/kg/h; ondansetron 4 mg IV"
          value={draft.detail}
          onValueChange={setField('detail')}
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
