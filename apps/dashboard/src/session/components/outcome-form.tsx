import {
  OUTCOME_INSTRUMENTS,
  OUTCOME_PHASES,
  OUTCOME_RANGES,
  outcomeSchema,
  type OutcomeInstrument,
  type OutcomePhase,
  type RecordedOutcome,
} from '@vigil/shared';
import { useState } from 'react';
import { SelectField, TextField } from '../../ui/components/form-field';
import { issuesToPathErrors } from '../../ui/forms/field-errors';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useRecordOutcome } from '../hooks/use-session-commands';
import { parseNumberField } from '../utils/parse-number';
import { ServerRefusal } from './server-refusal';

const INSTRUMENT_LABELS: Record<OutcomeInstrument, string> = {
  'PHQ-9': 'PHQ-9 (depression)',
  MADRS: 'MADRS (depression)',
  'QIDS-SR16': 'QIDS-SR16 (depression)',
  'craving-VAS': 'Craving, visual analogue scale',
  PACS: 'PACS (alcohol craving)',
  'C-SSRS-screen': 'C-SSRS screen (questions answered yes)',
};
const PHASE_LABELS: Record<OutcomePhase, string> = {
  pre: 'Before the infusion',
  post: 'After the infusion',
  'follow-up': 'At follow-up',
};

interface OutcomeDraft {
  instrument: OutcomeInstrument;
  phase: OutcomePhase;
  score: string;
}

const EMPTY: OutcomeDraft = { instrument: 'PHQ-9', phase: 'pre', score: '' };

function outcomeFromDraft(draft: OutcomeDraft): unknown {
  return { instrument: draft.instrument, phase: draft.phase, score: parseNumberField(draft.score) };
}

/** What the nurse must know after a positive suicide screen, beyond "recorded". */
function suicideRiskNotice(outcome: RecordedOutcome): string | null {
  if (!outcome.suicideRisk) return null;
  return outcome.suicideRisk.alertRaised
    ? 'Positive suicide screen: a high-priority alert is raised. Tell the physician now.'
    : 'Positive suicide screen after discharge: no alarm can sound for this session. Tell the physician now; a risk review is due on the follow-ups list.';
}

/** Outcome scores before and after the infusion and at follow-up, each within its range. */
export function OutcomeForm({ sessionId }: { sessionId: string }) {
  const record = useRecordOutcome(sessionId);
  const { draft, setField, errors, handleSubmit, reset } = useSchemaForm({
    initial: EMPTY,
    schema: outcomeSchema,
    toInput: outcomeFromDraft,
    toErrors: issuesToPathErrors<'instrument' | 'phase' | 'score'>,
  });
  const [saved, setSaved] = useState<string | null>(null);
  const [risk, setRisk] = useState<string | null>(null);
  const range = OUTCOME_RANGES[draft.instrument];

  const submit = handleSubmit(
    (input) =>
      record.mutate(input, {
        onSuccess: (outcome) => {
          setSaved(`${outcome.instrument} ${outcome.score} recorded.`);
          setRisk(suicideRiskNotice(outcome));
          reset();
        },
      }),
    {
      before: () => {
        setSaved(null);
        setRisk(null);
      },
    },
  );

  return (
    <form aria-labelledby="outcome-form-title" onSubmit={submit} noValidate>
      <h3 id="outcome-form-title">Record an outcome score</h3>
      <div className="form-row">
        <SelectField
          id="outcome-instrument"
          label="Instrument"
          options={OUTCOME_INSTRUMENTS.map((value) => ({ value, label: INSTRUMENT_LABELS[value] }))}
          value={draft.instrument}
          onValueChange={setField('instrument')}
          error={errors.instrument}
        />
        <SelectField
          id="outcome-phase"
          label="When"
          options={OUTCOME_PHASES.map((value) => ({ value, label: PHASE_LABELS[value] }))}
          value={draft.phase}
          onValueChange={setField('phase')}
          error={errors.phase}
        />
        <TextField
          id="outcome-score"
          label="Score"
          inputMode="numeric"
          hint={`${range.min} to ${range.max}`}
          value={draft.score}
          onValueChange={setField('score')}
          error={errors.score}
        />
      </div>
      {risk && (
        <p className="form-field__error" role="alert">
          {risk}
        </p>
      )}
      {record.error && <ServerRefusal title="Score not recorded" error={record.error} />}
      {saved && (
        <p className="page__status" role="status">
          {saved}
        </p>
      )}
      <div className="form-actions">
        <button className="button button--primary" type="submit" disabled={record.isPending}>
          {record.isPending ? 'Recording…' : 'Record score'}
        </button>
      </div>
    </form>
  );
}
