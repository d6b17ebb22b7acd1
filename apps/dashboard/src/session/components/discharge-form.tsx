import {
  dischargeCriteria,
  dischargeSchema,
  SCALE_RANGES,
  type DischargeInput,
} from '@vigil/shared';
import { useEffect } from 'react';
import { SelectField, TextField } from '../../ui/components/form-field';
import { refusalSentences } from '../../ui/errors/refusal-words';
import { issuesToPathErrors } from '../../ui/forms/field-errors';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useNow } from '../../ui/hooks/use-now';
import { useDischargeReadiness } from '../hooks/use-discharge-readiness';
import { useSessionTransition } from '../hooks/use-session-commands';
import {
  dischargeFromDraft,
  EMPTY_DISCHARGE,
  partialDischarge,
  type DischargeDraft,
} from '../utils/discharge-draft';
import { ALDRETE_ITEM_FIELDS } from '../utils/discharge-words';
import { DischargeChecklist } from './discharge-checklist';
import { ServerRefusal } from './server-refusal';

const NOT_SCORED = { value: '', label: 'Not scored' } as const;
const ALDRETE_OPTIONS = [
  NOT_SCORED,
  ...['0', '1', '2'].map((score) => ({ value: score, label: score })),
];
const MOAAS_OPTIONS = [
  NOT_SCORED,
  ...Array.from({ length: SCALE_RANGES.moaas.max + 1 }, (_, score) => ({
    value: String(score),
    label: String(score),
  })).reverse(),
];

type DischargeField =
  | `aldrete.${(typeof ALDRETE_ITEM_FIELDS)[number]['item']}`
  | 'moaas'
  | 'escort.name'
  | 'escort.phone'
  | 'note';

/**
 * The discharge: the five modified Aldrete items, MOAA/S and the escort, with a live checklist of
 * every criterion. The checklist judges what the nurse has entered against the server's facts
 * (recovery time, recent readings, open alerts), refreshed every few seconds, with the same
 * shared function the server gates the discharge with.
 */
export function DischargeForm({
  sessionId,
  onDraftChange,
}: {
  sessionId: string;
  /** The recovery view prints the escort on the instructions as the nurse types it. */
  onDraftChange?: (draft: DischargeDraft) => void;
}) {
  const run = useSessionTransition(sessionId);
  const readiness = useDischargeReadiness(sessionId);
  const now = useNow();
  const { draft, setDraft, setField, errors, handleSubmit } = useSchemaForm<
    DischargeDraft,
    DischargeInput,
    DischargeField
  >({
    initial: EMPTY_DISCHARGE,
    schema: dischargeSchema,
    toInput: dischargeFromDraft,
    toErrors: issuesToPathErrors<DischargeField>,
  });
  useEffect(() => onDraftChange?.(draft), [onDraftChange, draft]);
  const submit = handleSubmit((body) => run.mutate({ transition: 'discharge', body }));
  const setAldrete = (item: (typeof ALDRETE_ITEM_FIELDS)[number]['item']) => (score: string) =>
    setDraft((current) => ({ ...current, aldrete: { ...current.aldrete, [item]: score } }));
  const facts = readiness.data?.facts;
  const criteria = facts ? dischargeCriteria(partialDischarge(draft), facts, now) : undefined;

  return (
    <form aria-labelledby="discharge-form-title" onSubmit={submit} noValidate>
      <h3 id="discharge-form-title">Discharge</h3>
      <fieldset className="form-row">
        <legend>Modified Aldrete score (0–2 each; discharge needs a total of 9 or more)</legend>
        {ALDRETE_ITEM_FIELDS.map(({ item, label }) => (
          <SelectField
            key={item}
            id={`discharge-aldrete-${item}`}
            label={label}
            options={ALDRETE_OPTIONS}
            value={draft.aldrete[item]}
            onValueChange={setAldrete(item)}
            error={errors[`aldrete.${item}`]}
          />
        ))}
      </fieldset>
      <div className="form-row">
        <SelectField
          id="discharge-moaas"
          label="MOAA/S"
          options={MOAAS_OPTIONS}
          value={draft.moaas}
          onValueChange={setField('moaas')}
          error={errors.moaas}
        />
        <TextField
          id="discharge-escort-name"
          label="Escort’s name"
          value={draft.escortName}
          onValueChange={setField('escortName')}
          error={errors['escort.name']}
        />
        <TextField
          id="discharge-escort-phone"
          label="Escort’s phone (optional)"
          type="tel"
          value={draft.escortPhone}
          onValueChange={setField('escortPhone')}
          error={errors['escort.phone']}
        />
        <TextField
          id="discharge-note"
          label="Note (optional)"
          value={draft.note}
          onValueChange={setField('note')}
          error={errors.note}
        />
      </div>
      {criteria ? (
        <DischargeChecklist criteria={criteria} />
      ) : readiness.error ? (
        <p className="form-error" role="alert">
          Could not load the discharge criteria: {refusalSentences(readiness.error).join(' ')}
        </p>
      ) : (
        <p role="status">Loading the discharge criteria…</p>
      )}
      <div className="form-actions">
        <button className="button button--primary" type="submit" disabled={run.isPending}>
          {run.isPending ? 'Discharging…' : 'Discharge patient'}
        </button>
      </div>
      {run.error && <ServerRefusal title="Discharge refused" error={run.error} />}
    </form>
  );
}
