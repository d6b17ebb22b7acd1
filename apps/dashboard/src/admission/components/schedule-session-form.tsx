import {
  createSessionSchema,
  INDICATIONS,
  type Clinician,
  type Indication,
  type Patient,
} from '@vigil/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { sessionPath } from '../../app/routes/route-access';
import { useCurrentUser } from '../../auth/hooks/use-auth-session';
import { useThresholdProfiles } from '../../limits/hooks/use-threshold-profiles';
import { OrderReasonFields } from '../../session/components/order-reason-fields';
import { OrderTotal } from '../../session/components/order-total';
import { ServerRefusal } from '../../session/components/server-refusal';
import { parseNumberField } from '../../session/utils/parse-number';
import { SelectField, TextField } from '../../ui/components/form-field';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useWardBays } from '../../ward/hooks/use-ward-bays';
import { indicationLabel } from '../../ward/utils/session-labels';
import { useScheduleSession } from '../hooks/use-admission-commands';
import { useClinicians } from '../hooks/use-clinicians';
import { initialScheduleDraft, scheduleInput } from '../utils/schedule-draft';

const INDICATION_OPTIONS: readonly { value: Indication | ''; label: string }[] = [
  { value: '', label: 'Choose the indication' },
  ...INDICATIONS.map((indication) => ({ value: indication, label: indicationLabel(indication) })),
];

function clinicianOptions(
  clinicians: readonly Clinician[] | undefined,
  role: Clinician['role'],
  blank: string,
) {
  return [
    { value: '', label: blank },
    ...(clinicians ?? [])
      .filter((clinician) => clinician.role === role)
      .map((clinician) => ({ value: clinician.id, label: clinician.displayName })),
  ];
}

interface ScheduleSessionFormProps {
  patient: Patient;
  /** The chair the admission was opened for, if any. */
  bay: string;
}

/**
 * The session for the chosen patient, checked by the shared create-session schema. A physician's
 * order is signed as it is scheduled; a nurse's is a draft a physician must sign before the start.
 */
export function ScheduleSessionForm({ patient, bay }: ScheduleSessionFormProps) {
  const { role } = useCurrentUser();
  const navigate = useNavigate();
  const schedule = useScheduleSession();
  const bays = useWardBays();
  const clinicians = useClinicians();
  const profiles = useThresholdProfiles();
  const [openedAt] = useState(() => Date.now());
  const { draft, setField, errors, handleSubmit } = useSchemaForm({
    initial: initialScheduleDraft(bay, openedAt),
    schema: createSessionSchema,
    toInput: (current) => scheduleInput(current, patient.id),
  });
  const submit = handleSubmit((input) =>
    schedule.mutate(input, { onSuccess: (session) => void navigate(sessionPath(session.id)) }),
  );
  const dose = parseNumberField(draft.doseMgPerKg);
  const minutes = parseNumberField(draft.plannedDurationMin);
  const concentration = parseNumberField(draft.concentrationMgPerMl);
  const chairs = [...new Set([...(bays.data ?? []).map((ward) => ward.bay), bay])].filter(Boolean);
  const physician = role === 'physician';

  return (
    <section className="page__section" aria-labelledby="schedule-title">
      <h2 id="schedule-title">Schedule the session</h2>
      <form aria-label="Schedule the session" onSubmit={submit} noValidate>
        <div className="form-row">
          <TextField
            id="schedule-at"
            label="Date and time"
            type="datetime-local"
            value={draft.scheduledAt}
            onValueChange={setField('scheduledAt')}
            error={errors.scheduledAt}
          />
          <SelectField
            id="schedule-bay"
            label="Chair"
            value={draft.bay}
            options={[
              { value: '', label: 'Choose the chair' },
              ...chairs.map((chair) => ({ value: chair, label: `Bay ${chair}` })),
            ]}
            onValueChange={setField('bay')}
            error={errors.bay}
          />
          <SelectField
            id="schedule-indication"
            label="Indication"
            value={draft.indication}
            options={INDICATION_OPTIONS}
            onValueChange={setField('indication')}
            error={errors.indication}
          />
        </div>
        <h3>{physician ? 'Dose order (signed by you)' : 'Dose order (draft for a physician)'}</h3>
        {!physician && (
          <p className="form-field__hint">
            A physician must sign this order before the infusion can start.
          </p>
        )}
        <div className="form-row">
          <TextField
            id="schedule-dose"
            label="Dose (mg/kg)"
            inputMode="decimal"
            value={draft.doseMgPerKg}
            onValueChange={setField('doseMgPerKg')}
            error={errors.doseMgPerKg}
          />
          <TextField
            id="schedule-duration"
            label="Planned duration (min)"
            inputMode="numeric"
            value={draft.plannedDurationMin}
            onValueChange={setField('plannedDurationMin')}
            error={errors.plannedDurationMin}
          />
          <TextField
            id="schedule-concentration"
            label="Concentration (mg/mL)"
            inputMode="decimal"
            value={draft.concentrationMgPerMl}
            onValueChange={setField('concentrationMgPerMl')}
            error={errors.concentrationMgPerMl}
          />
        </div>
        <OrderTotal
          weightKg={patient.weightKg}
          dose={dose}
          minutes={minutes}
          concentration={concentration}
        />
        <OrderReasonFields
          idPrefix="schedule"
          dose={dose}
          minutes={minutes}
          highDoseReason={draft.highDoseReason}
          durationOverrideReason={draft.durationOverrideReason}
          onHighDoseReason={setField('highDoseReason')}
          onDurationOverrideReason={setField('durationOverrideReason')}
          errors={errors}
        />
        <div className="form-row">
          <SelectField
            id="schedule-physician"
            label="Supervising physician"
            value={draft.supervisingPhysicianId}
            options={clinicianOptions(clinicians.data, 'physician', 'Not named yet')}
            onValueChange={setField('supervisingPhysicianId')}
            error={errors.supervisingPhysicianId}
          />
          <SelectField
            id="schedule-nurse"
            label="Assigned nurse"
            value={draft.assignedNurseId}
            options={clinicianOptions(clinicians.data, 'nurse', 'Not assigned yet')}
            onValueChange={setField('assignedNurseId')}
            error={errors.assignedNurseId}
          />
          <SelectField
            id="schedule-profile"
            label="Alarm limits"
            value={draft.thresholdProfileId}
            options={[
              { value: '', label: 'Ward default' },
              ...(profiles.data ?? []).map((profile) => ({
                value: profile.id,
                label: profile.name,
              })),
            ]}
            onValueChange={setField('thresholdProfileId')}
            error={errors.thresholdProfileId}
          />
        </div>
        {(clinicians.error ?? profiles.error) && (
          <p className="form-error" role="alert">
            Could not load the clinicians or the alarm limits to choose from: reload the page to
            name them.
          </p>
        )}
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="form-actions">
          <button className="button button--primary" type="submit" disabled={schedule.isPending}>
            {schedule.isPending ? 'Scheduling…' : 'Schedule session'}
          </button>
        </div>
        {schedule.error && <ServerRefusal title="Session not scheduled" error={schedule.error} />}
      </form>
    </section>
  );
}
