import { orderSchema, type Session } from '@vigil/shared';
import { TextField } from '../../ui/components/form-field';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { usePatient } from '../hooks/use-patient';
import { useSignOrder } from '../hooks/use-session-commands';
import { isHighDose, isOutsideProtocol } from '../utils/order-dose';
import { optionalText, parseNumberField } from '../utils/parse-number';
import { OrderReasonFields } from './order-reason-fields';
import { OrderTotal } from './order-total';
import { ServerRefusal } from './server-refusal';

interface OrderDraft {
  doseMgPerKg: string;
  plannedDurationMin: string;
  concentrationMgPerMl: string;
  highDoseReason: string;
  durationOverrideReason: string;
}

const draftOf = (session: Session): OrderDraft => ({
  doseMgPerKg: String(session.doseMgPerKg),
  plannedDurationMin: String(session.plannedDurationMin),
  concentrationMgPerMl: String(session.infusionPlan.concentrationMgPerMl),
  highDoseReason: session.order?.highDoseReason ?? '',
  durationOverrideReason: session.durationOverride?.reason ?? '',
});

interface TotalDoseProps {
  patientId: string;
  dose: number | undefined;
  minutes: number | undefined;
  concentration: number | undefined;
}

/** What the total and the pump rate come to for this patient, or why it cannot be said yet. */
function TotalDose({ patientId, dose, minutes, concentration }: TotalDoseProps) {
  const patient = usePatient(patientId);
  if (patient.error) {
    return <p className="form-error">Could not read the patient’s weight: check the total.</p>;
  }
  if (!patient.data) return <p className="form-field__hint">Reading the patient’s weight…</p>;
  return (
    <OrderTotal
      weightKg={patient.data.weightKg}
      dose={dose}
      minutes={minutes}
      concentration={concentration}
    />
  );
}

/**
 * The physician's signature on the dose (which they may change) before the start, checked by the
 * shared order schema: a dose above 1 mg/kg needs its clinical reason, a duration outside 40–60
 * minutes its own.
 */
export function SignOrderForm({ session }: { session: Session }) {
  const sign = useSignOrder(session.id);
  const { draft, setField, errors, handleSubmit } = useSchemaForm({
    initial: draftOf(session),
    schema: orderSchema,
    toInput: (current) => {
      const dose = parseNumberField(current.doseMgPerKg);
      const minutes = parseNumberField(current.plannedDurationMin);
      return {
        doseMgPerKg: dose,
        plannedDurationMin: minutes,
        concentrationMgPerMl: parseNumberField(current.concentrationMgPerMl),
        // A reason for what no longer needs one is not sent, so it is not put on record.
        highDoseReason: isHighDose(dose) ? optionalText(current.highDoseReason) : undefined,
        durationOverrideReason: isOutsideProtocol(minutes)
          ? optionalText(current.durationOverrideReason)
          : undefined,
      };
    },
  });
  const dose = parseNumberField(draft.doseMgPerKg);
  const minutes = parseNumberField(draft.plannedDurationMin);
  const concentration = parseNumberField(draft.concentrationMgPerMl);
  const submit = handleSubmit((input) => sign.mutate(input));
  const action = session.order ? 'Sign the changed order' : 'Sign order';

  return (
    <form aria-label="Sign order" onSubmit={submit} noValidate>
      <div className="form-row">
        <TextField
          id="order-dose"
          label="Dose (mg/kg)"
          inputMode="decimal"
          value={draft.doseMgPerKg}
          onValueChange={setField('doseMgPerKg')}
          error={errors.doseMgPerKg}
        />
        <TextField
          id="order-duration"
          label="Planned duration (min)"
          inputMode="numeric"
          value={draft.plannedDurationMin}
          onValueChange={setField('plannedDurationMin')}
          error={errors.plannedDurationMin}
        />
        <TextField
          id="order-concentration"
          label="Concentration (mg/mL)"
          inputMode="decimal"
          value={draft.concentrationMgPerMl}
          onValueChange={setField('concentrationMgPerMl')}
          error={errors.concentrationMgPerMl}
        />
      </div>
      <TotalDose
        patientId={session.patientId}
        dose={dose}
        minutes={minutes}
        concentration={concentration}
      />
      <OrderReasonFields
        idPrefix="order"
        dose={dose}
        minutes={minutes}
        highDoseReason={draft.highDoseReason}
        durationOverrideReason={draft.durationOverrideReason}
        onHighDoseReason={setField('highDoseReason')}
        onDurationOverrideReason={setField('durationOverrideReason')}
        errors={errors}
      />
      <div className="form-actions">
        <button className="button button--primary" type="submit" disabled={sign.isPending}>
          {sign.isPending ? 'Signing…' : action}
        </button>
      </div>
      {sign.error && <ServerRefusal title="Order refused" error={sign.error} />}
    </form>
  );
}
